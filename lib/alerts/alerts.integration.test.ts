/**
 * Alerting end to end against a real database, real HTTP ingest and a real webhook receiver:
 * a certificate expiry played by the simulator is sent as it happens (simulated time, 15-second
 * cycles), an incident opens within two cycles of the surge's first minute, the receiver gets a
 * correctly signed message naming the likely cause, and the incident resolves by itself once
 * the surge is over. A surge from three phones opens nothing; a silence holds the message back
 * but records the incident; two instances sharing the database open one incident and send one
 * notification.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { GeneratedEvent } from "@/lib/simulate/population";
import { createTraffic } from "@/lib/simulate/scenarios";
import { fleetRhythm } from "@/lib/simulate/traffic-model";
import { EventSender } from "@/lib/simulate/sender";
import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";
import { startReceiver, type Receiver } from "@/test/support/receivers";
import { alertCycle, CYCLE_MS, TEST_BASE_URL } from "@/test/support/alert-cycle";
import { fleetZoneWithLocalHour } from "@/test/support/fleet";

const MINUTE = 60_000;
const SECRET = "whsec-test-0123456789";

let fixture: IngestFixture;
let server: RouteServer;
let receiver: Receiver;

async function sendAll(events: GeneratedEvent[], key = fixture.key) {
  const sender = new EventSender({ url: server.url, key });
  await sender.add(events);
  await sender.flush();
  expect(sender.stats.rejected).toBe(0);
}

/** 50502 events of a simulated fleet between two instants (server clock). */
function fleet50502(traffic: ReturnType<typeof createTraffic>, fromMs: number, toMs: number) {
  const events: GeneratedEvent[] = [];
  for (let m = Math.floor(fromMs / MINUTE) * MINUTE; m < toMs; m += MINUTE) {
    for (const e of traffic.eventsForMinute(m)) {
      if (e.event.code === 50502 && e.atMs >= fromMs && e.atMs < toMs) events.push(e);
    }
  }
  return events;
}

beforeAll(async () => {
  fixture = await startIngestFixture({ env: { CW_INGEST_REQUESTS_PER_SECOND: "10000" } });
  const { POST } = await import("@/app/api/v1/events/route");
  server = await serveRoutes({ "POST /api/v1/events": POST });
  receiver = await startReceiver({ type: "webhook", secret: SECRET });
  const { db } = await alertCycle();
  const { createChannel } = await import("@/lib/alerts/channels");
  // One channel for every project.
  await createChannel(
    db,
    null,
    { name: "on-call hook", type: "webhook", url: receiver.url, secret: SECRET },
    "test",
  );
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  await server?.close();
  await fixture?.close();
});

describe("alerting on a simulated certificate expiry", () => {
  it("opens an incident within two cycles, pages with the cause, and resolves after", async () => {
    const { db, cycle } = await alertCycle();
    // The certificate expires 15 s into a minute, 100 minutes ago; three hours of history before.
    const surgeStart = Math.floor(Date.now() / MINUTE) * MINUTE - 100 * MINUTE + 15_000;
    const traffic = createTraffic({
      seed: 5,
      // The same 50502 volume at the surge whatever the hour and weekday the test runs at: the
      // fleet's rhythm (night trough, evening peak) would otherwise make the detector's delay
      // depend on the clock (at 01:00 in the fleet's zone it took 135 s, over the 2 minutes),
      // and the surge is at 14:00 in the fleet's zone, so the hours around it are flat too.
      rate: 60 / fleetRhythm(surgeStart, fleetZoneWithLocalHour(surgeStart)),
      utcOffsetHours: fleetZoneWithLocalHour(surgeStart),
      populationSize: 20_000,
      scenarios: [{ name: "cert-expiry", startMs: surgeStart, durationMs: 20 * MINUTE }],
    });
    await sendAll(fleet50502(traffic, surgeStart - 3 * 60 * MINUTE, surgeStart - 30_000));
    const baseline = await fixture.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM event WHERE code = 50502 AND project_id = $1`,
      [fixture.projectId],
    );
    // About 1-2 a minute: the volume the product's headline case has.
    expect(Number(baseline.rows[0]!.n) / 180).toBeGreaterThan(0.5);

    // Time goes by in 15-second cycles; each cycle first receives what happened before it.
    let now = surgeStart - 30_000;
    let openedAt: number | undefined;
    while (now < surgeStart + 3 * MINUTE) {
      const next = now + CYCLE_MS;
      await sendAll(fleet50502(traffic, now, next));
      now = next;
      await cycle(now);
      const open = await db.incident.findFirst({ where: { code: 50502 } });
      if (open && openedAt === undefined) openedAt = now;
    }
    expect(openedAt).toBeDefined();
    // The detector flags a surge on its second unusual minute (one minute is a burst): the
    // incident opens within two cycles of the start of the first minute flagged, as the
    // 1-minute chart shows it now.
    const { latestMinutes } = await import("@/lib/alerts/minutes");
    const { poolOf } = await import("@/lib/db/client");
    const points = (await latestMinutes(poolOf(db), fixture.projectId, [50502], now, 10)).get(
      50502,
    )!;
    const firstSpike = points.find((p) => p.spike)!.minute * MINUTE;
    console.log(
      `surge ${new Date(surgeStart).toISOString()} first spike minute ${new Date(firstSpike).toISOString()} opened ${new Date(openedAt!).toISOString()}`,
    );
    expect(firstSpike).toBeGreaterThanOrEqual(surgeStart - MINUTE);
    expect(openedAt! - firstSpike).toBeLessThanOrEqual(2 * CYCLE_MS);
    // The surge's first minute is partial (45 s): when it is not yet unusual enough, the next
    // two are the two the detector needs, so at worst the page goes out two cycles into the
    // third minute, 135 s after the expiry (seen at 15:29:15 UTC; bench:alert has the spread).
    expect(firstSpike - surgeStart).toBeLessThanOrEqual(2 * MINUTE);
    expect(openedAt! - surgeStart).toBeLessThanOrEqual(2 * MINUTE + 2 * CYCLE_MS);

    const incident = (await db.incident.findFirst({ where: { code: 50502 } }))!;
    expect(incident.status).toBe("open");
    expect(incident.openingVerdict).toBe("provisional");
    expect(incident.devices).toBeGreaterThan(20);

    const [page] = await receiver.waitFor(1, 5_000);
    expect(page!.verified).toBe(true);
    const body = page!.body as {
      kind: string;
      text: string;
      incidents: { id: string; topCause: { id: string } | null }[];
    };
    expect(body.kind).toBe("open");
    expect(body.incidents[0]!.id).toBe(incident.id);
    expect(body.incidents[0]!.topCause?.id).toBe("certificate-expired");
    // The project speaks Chinese (the default): the cause is the first line.
    expect(body.text.split("\n")[0]).toContain("服务器证书可能已过期");

    // The rest of the surge and twenty quiet minutes, a cycle a minute.
    while (now < surgeStart + 45 * MINUTE) {
      const next = now + MINUTE;
      await sendAll(fleet50502(traffic, now, next));
      now = next;
      await cycle(now);
    }
    const after = (await db.incident.findUnique({
      where: { id: incident.id },
      include: { timeline: true },
    }))!;
    expect(after.status).toBe("resolved");
    expect(after.resolvedBy).toBeNull();
    // Not before the surge (20 minutes) was over.
    expect(after.resolvedAt!.getTime()).toBeGreaterThan(surgeStart + 20 * MINUTE);
    expect(after.settledVerdict).toBe("confirmed");
    expect(after.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(["opened", "notified", "settled", "resolved"]),
    );
    const resolved = await receiver.waitFor(2, 5_000);
    expect((resolved[1]!.body as { kind: string }).kind).toBe("resolve");
    expect(resolved[1]!.verified).toBe(true);
  }, 300_000);
});

describe("floors, silences and several instances", () => {
  /** `perMinute` 50502 a minute from `devices` phones for `minutes`, ending now. */
  function burst(devices: number, perMinute: number, minutes: number, nowMs: number) {
    const events: GeneratedEvent[] = [];
    for (let m = 0; m < minutes * perMinute; m++) {
      const atMs = nowMs - minutes * MINUTE + Math.floor((m * MINUTE) / perMinute);
      events.push({
        atMs,
        clockOffsetMs: 0,
        event: {
          code: 50502,
          timestamp: atMs,
          deviceId: `phone-${m % devices}`,
          exception: "javax.net.ssl.SSLHandshakeException",
          message: "Chain validation failed",
        },
      } as GeneratedEvent);
    }
    return events;
  }

  async function projectWithKey(slug: string) {
    const key = await fixture.createKey(["ingest"], slug);
    const { db } = await alertCycle();
    const project = (await db.project.findUnique({ where: { slug } }))!;
    return { key, projectId: project.id };
  }

  /** An hour of a quiet 50502 (one a minute from many phones), so the burst has a baseline. */
  async function history(key: string, nowMs: number, minutes = 60) {
    const events = burst(60, 1, minutes, nowMs - 6 * MINUTE);
    await sendAll(events, key);
  }

  it("opens no incident for a surge from three phones", async () => {
    const { db, cycle } = await alertCycle();
    const { key, projectId } = await projectWithKey("three-phones");
    const now = Date.now();
    await history(key, now);
    await sendAll(burst(3, 120, 3, now), key);
    const report = await cycle(now);
    expect(report.belowFloor).toBeGreaterThan(0);
    expect(await db.incident.count({ where: { projectId } })).toBe(0);
  }, 120_000);

  it("records a silenced incident without notifying", async () => {
    const { db, cycle } = await alertCycle();
    const { key, projectId } = await projectWithKey("silenced");
    const { createSilence } = await import("@/lib/alerts/silences");
    await createSilence(
      db,
      projectId,
      {
        comment: "certificate rotation tonight",
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      "ops@example.com",
    );
    const before = receiver.requests.length;
    const now = Date.now();
    await history(key, now);
    await sendAll(burst(200, 150, 3, now), key);
    await cycle(now);
    const incident = await db.incident.findFirst({
      where: { projectId },
      include: { timeline: true, notifications: true },
    });
    expect(incident).not.toBeNull();
    expect(incident!.timeline.map((e) => e.kind)).toContain("silenced");
    expect(incident!.notifications).toHaveLength(0);
    expect(receiver.requests.length).toBe(before);
  }, 120_000);

  it("opens one incident and sends one notification with two instances on one database", async () => {
    const { db } = await alertCycle();
    const { key, projectId } = await projectWithKey("two-instances");
    const now = Date.now();
    await history(key, now);
    await sendAll(burst(200, 150, 3, now), key);
    const { createPrismaClient, poolOf } = await import("@/lib/db/client");
    const { runAlertCycle } = await import("@/lib/alerts/cycle");
    const instances = [
      createPrismaClient(fixture.database.url, 2),
      createPrismaClient(fixture.database.url, 2),
    ];
    const before = receiver.requests.length;
    try {
      // Both claim the same cycle, and both are forced through it too: neither way doubles.
      const claimed = await Promise.all(
        instances.map((d) =>
          runAlertCycle(d, poolOf(d), {
            nowMs: now,
            cycleMs: CYCLE_MS,
            baseUrl: TEST_BASE_URL,
          }),
        ),
      );
      expect(claimed.filter((r) => r.ran)).toHaveLength(1);
      await Promise.all(
        instances.map((d) =>
          runAlertCycle(d, poolOf(d), {
            nowMs: now + 1_000,
            cycleMs: CYCLE_MS,
            baseUrl: TEST_BASE_URL,
            force: true,
          }),
        ),
      );
    } finally {
      await Promise.all(instances.map((d) => d.$disconnect()));
    }
    expect(await db.incident.count({ where: { projectId } })).toBe(1);
    const incident = (await db.incident.findFirst({ where: { projectId } }))!;
    expect(await db.notificationIncident.count({ where: { incidentId: incident.id } })).toBe(1);
    await receiver.waitFor(before + 1, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.requests.length).toBe(before + 1);
  }, 120_000);
});
