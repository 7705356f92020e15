/**
 * The kinds of rule and the incidents nobody is paged for, against a real database over real
 * HTTP ingest: a surge found in backfilled history opens a retrospective incident that is
 * resolved at once and never notified, even beside a live incident of the same code; an
 * incident opened on a code's morning ramp resolves once its surge is over; a code first seen in a project at a high rate from many
 * phones opens a "new code" incident; a threshold rule opens when its window's count reaches
 * the threshold and resolves when it falls back below; the built-in 50502 rule fires in a
 * project that never sent a 50502.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { GeneratedEvent } from "@/lib/simulate/population";
import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";
import { startReceiver, type Receiver } from "@/test/support/receivers";
import { background, certificateExpired, sendEvents } from "@/test/support/surges";
import { alertCycle } from "@/test/support/alert-cycle";

const MINUTE = 60_000;

let fixture: IngestFixture;
let server: RouteServer;
let receiver: Receiver;

async function project(slug: string) {
  const key = await fixture.createKey(["ingest"], slug);
  const { db } = await alertCycle();
  return { key, projectId: (await db.project.findUnique({ where: { slug } }))!.id };
}

/** `perMinute` events of `code` from `devices` phones over [fromMs, toMs). */
function events(code: number, fromMs: number, toMs: number, perMinute: number, devices: number) {
  const out: GeneratedEvent[] = [];
  const step = MINUTE / perMinute;
  for (let i = 0; fromMs + i * step < toMs; i++) {
    const atMs = Math.floor(fromMs + i * step);
    out.push({
      atMs,
      clockOffsetMs: 0,
      event: { code, timestamp: atMs, deviceId: `d${code}-${i % devices}`, message: "failed" },
    });
  }
  return out;
}

/** Two past certificate expiries, 6 and 3 hours before `at`: 15 minutes at 150 a minute each. */
function pastSurges(at: number) {
  return [6, 3].flatMap((hoursAgo) => {
    const start = at - hoursAgo * 60 * MINUTE;
    return certificateExpired(start, start + 15 * MINUTE, 150);
  });
}

/** The projects a test made leave the later cycles alone. */
async function quiet(projectId: string) {
  const { db } = await alertCycle();
  await db.alertRule.updateMany({ where: { projectId }, data: { enabled: false } });
}

beforeAll(async () => {
  fixture = await startIngestFixture({ env: { CW_INGEST_REQUESTS_PER_SECOND: "10000" } });
  const { POST } = await import("@/app/api/v1/events/route");
  server = await serveRoutes({ "POST /api/v1/events": POST });
  receiver = await startReceiver({ type: "webhook", secret: "rules-secret" });
  const { db } = await alertCycle();
  const { createChannel } = await import("@/lib/alerts/channels");
  await createChannel(
    db,
    null,
    { name: "hook", type: "webhook", url: receiver.url, secret: "rules-secret" },
    "test",
  );
  await quiet(fixture.projectId);
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  await server?.close();
  await fixture?.close();
});

describe("rules", () => {
  it("records a surge found in backfilled history as a retrospective incident, never paged", async () => {
    const { db, cycle } = await alertCycle();
    const { key, projectId } = await project("backfilled");
    // On a five-minute mark, at the start of its minute: the cycle that looks back.
    const now = Math.floor(Date.now() / (5 * MINUTE)) * 5 * MINUTE + 1_000;
    const surgeFrom = now - 3 * 60 * MINUTE;
    await sendEvents(server.url, key, [
      ...background(now - 6 * 60 * MINUTE, now),
      ...certificateExpired(surgeFrom, surgeFrom + 20 * MINUTE, 150),
    ]);
    const before = receiver.requests.length;
    const report = await cycle(now);
    expect(report.retrospective).toBe(1);
    const incident = (await db.incident.findFirst({
      where: { projectId },
      include: { timeline: true, notifications: true },
    }))!;
    expect(incident).toMatchObject({ retrospective: true, status: "resolved", code: 50502 });
    expect(Math.abs(incident.startedAt.getTime() - surgeFrom)).toBeLessThanOrEqual(2 * MINUTE);
    expect(incident.devices).toBeGreaterThan(100);
    expect((incident.diagnosis as { hypotheses: { id: string }[] }).hypotheses[0]!.id).toBe(
      "certificate-expired",
    );
    expect(incident.notifications).toHaveLength(0);
    expect(incident.timeline.map((e) => e.kind)).toEqual(["opened", "resolved"]);
    // Looking again finds it covered: no second incident.
    await cycle(now + 5 * MINUTE);
    expect(await db.incident.count({ where: { projectId } })).toBe(1);
    expect(receiver.requests.length).toBe(before);
    await quiet(projectId);
  }, 120_000);

  it("records a surge days back, across midnight, once, when the detector has judged that history", async () => {
    const { db, cycle } = await alertCycle();
    const { key, projectId } = await project("weeks-back");
    const now = Math.floor(Date.now() / (5 * MINUTE)) * 5 * MINUTE + 1_000;
    // Ten minutes before a UTC midnight three days back, for twenty minutes: two days' scans.
    const midnight = Math.floor(now / (1_440 * MINUTE)) * 1_440 * MINUTE - 3 * 1_440 * MINUTE;
    const surgeFrom = midnight - 10 * MINUTE;
    await sendEvents(server.url, key, [
      ...background(surgeFrom - 6 * 60 * MINUTE, surgeFrom + 3 * 60 * MINUTE),
      ...certificateExpired(surgeFrom, surgeFrom + 20 * MINUTE, 150),
    ]);
    // Nothing covers it before the detector has stored its verdicts for those days.
    expect((await cycle(now)).retrospective).toBe(0);
    const { runDetectorTick } = await import("@/lib/detection/loop");
    const { poolOf } = await import("@/lib/db/client");
    await runDetectorTick(poolOf(db), { nowMs: now });
    expect((await cycle(now + 5 * MINUTE)).retrospective).toBe(1);
    const incidents = await db.incident.findMany({ where: { projectId } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ retrospective: true, status: "resolved", code: 50502 });
    expect(Math.abs(incidents[0]!.startedAt.getTime() - surgeFrom)).toBeLessThanOrEqual(2 * MINUTE);
    expect((incidents[0]!.diagnosis as { hypotheses: { id: string }[] }).hypotheses[0]!.id).toBe(
      "certificate-expired",
    );
    // The next look finds the days scanned, or their surge covered: still one.
    expect((await cycle(now + 10 * MINUTE)).retrospective).toBe(0);
    expect(await db.incident.count({ where: { projectId } })).toBe(1);
    await quiet(projectId);
  }, 180_000);

  it("records two past surges of a code as two incidents, and a live surge after them still pages", async () => {
    const { db, cycle } = await alertCycle();
    const { key, projectId } = await project("twice");
    // A five-minute mark in the past, so the live surge after it is in the past too.
    const at = Math.floor((Date.now() - 10 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE + 1_000;
    await sendEvents(server.url, key, [
      ...background(at - 8 * 60 * MINUTE, at + 5 * MINUTE),
      ...pastSurges(at),
    ]);
    expect((await cycle(at)).retrospective).toBe(2);
    const past = await db.incident.findMany({
      where: { projectId },
      orderBy: { startedAt: "asc" },
    });
    // Each resolved when its surge ended, not when it was found.
    for (const [i, hoursAgo] of [6, 3].entries()) {
      const surgeEnd = at - hoursAgo * 60 * MINUTE + 15 * MINUTE;
      expect(Math.abs(past[i]!.resolvedAt!.getTime() - surgeEnd)).toBeLessThanOrEqual(3 * MINUTE);
    }
    const before = receiver.requests.length;
    await sendEvents(server.url, key, certificateExpired(at + 2 * MINUTE, at + 5 * MINUTE, 150));
    expect((await cycle(at + 5 * MINUTE)).opened).toBe(1);
    const live = await db.incident.findFirst({ where: { projectId, retrospective: false } });
    expect(live).toMatchObject({ status: "open", code: 50502 });
    await expect.poll(() => receiver.requests.length, { timeout: 10_000 }).toBeGreaterThan(before);
    await quiet(projectId);
  }, 180_000);

  it("records past surges of a code while a live incident of that code is open", async () => {
    // History that arrives during a live surge of the same code (the demo starting late, a
    // backfill): the live incident must not keep the past ones from being recorded.
    const { db, cycle } = await alertCycle();
    const { key, projectId } = await project("past-and-live");
    const at = Math.floor((Date.now() - 10 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE + 1_000;
    await sendEvents(server.url, key, [
      ...background(at - 8 * 60 * MINUTE, at + 5 * MINUTE),
      ...pastSurges(at),
      ...certificateExpired(at + 2 * MINUTE, at + 5 * MINUTE, 150),
    ]);
    const report = await cycle(at + 5 * MINUTE);
    expect(report.opened).toBe(1);
    expect(report.retrospective).toBe(2);
    const incidents = await db.incident.findMany({
      where: { projectId },
      orderBy: { startedAt: "asc" },
    });
    expect(incidents.map((i) => [i.code, i.retrospective, i.status])).toEqual([
      [50502, true, "resolved"],
      [50502, true, "resolved"],
      [50502, false, "open"],
    ]);
    // Each past one resolved when its surge ended, with its timeline.
    for (const [i, hoursAgo] of [6, 3].entries()) {
      const surgeEnd = at - hoursAgo * 60 * MINUTE + 15 * MINUTE;
      expect(Math.abs(incidents[i]!.resolvedAt!.getTime() - surgeEnd)).toBeLessThanOrEqual(
        3 * MINUTE,
      );
      const timeline = await db.incidentEvent.findMany({
        where: { incidentId: incidents[i]!.id },
        orderBy: { at: "asc" },
      });
      expect(timeline.map((e) => e.kind)).toEqual(["opened", "resolved"]);
    }
    // Only the live one pages: alone, or grouped with another project's page of the same surge.
    const [first, second, live] = incidents.map((i) => i.id) as [string, string, string];
    const linked = (ids: string[]) =>
      db.notificationIncident.count({ where: { incidentId: { in: ids } } });
    expect(await linked([first, second])).toBe(0);
    const grouped = await db.incidentEvent.count({ where: { incidentId: live, kind: "grouped" } });
    expect((await linked([live])) + grouped).toBeGreaterThan(0);
    await quiet(projectId);
  }, 180_000);

  it("records a past surge once when two instances scan the same history at once", async () => {
    const { db, cycle } = await alertCycle();
    const { key, projectId } = await project("scanned-twice");
    const at = Math.floor((Date.now() - 10 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE + 1_000;
    await sendEvents(server.url, key, [...background(at - 8 * 60 * MINUTE, at), ...pastSurges(at)]);
    // Two cycles at the same instant, as two instances whose claims overlapped would run them.
    const reports = await Promise.all([cycle(at), cycle(at)]);
    expect(reports.reduce((sum, r) => sum + r.retrospective, 0)).toBe(2);
    expect(await db.incident.count({ where: { projectId } })).toBe(2);
    await quiet(projectId);
  }, 180_000);

  it("resolves an incident opened on the morning ramp once its surge is over", async () => {
    // A code with a daily rhythm: 1 a minute at night, rising to 10 from half an hour before
    // 05:00 (`x` = 0, minutes of the day from the surge's hour) to 06:00. Eight days of it, so
    // the detector knows the rhythm; then a certificate expiry at 05:00 for 15 minutes.
    const { db, cycle } = await alertCycle();
    const { key, projectId } = await project("morning");
    const HOUR = 60 * MINUTE;
    const DAY = 24 * HOUR;
    const surgeStart = Math.floor((Date.now() - 100 * MINUTE) / HOUR) * HOUR;
    const rhythm = (atMs: number) => {
      const x = ((((atMs - surgeStart) % DAY) + DAY + DAY / 2) % DAY) / MINUTE - 720;
      if (x >= -30 && x < 60) return 1 + 0.1 * (x + 30);
      return x >= 60 && x < 600 ? 10 : 1;
    };
    const traffic = (fromMs: number, toMs: number) => {
      const out: GeneratedEvent[] = [];
      for (let t = fromMs; t < toMs; t += 5 * MINUTE) {
        out.push(...background(t, Math.min(t + 5 * MINUTE, toMs), rhythm(t + 2.5 * MINUTE)));
      }
      return out;
    };
    await sendEvents(server.url, key, traffic(surgeStart - 8 * DAY, surgeStart - 2 * MINUTE));
    for (let now = surgeStart - 2 * MINUTE; now < surgeStart + 95 * MINUTE; now += MINUTE) {
      await sendEvents(server.url, key, [
        ...traffic(now, now + MINUTE),
        ...(now >= surgeStart && now < surgeStart + 15 * MINUTE
          ? certificateExpired(now, now + MINUTE, 150)
          : []),
      ]);
      await cycle(now + MINUTE + 1_000);
    }
    const incident = (await db.incident.findFirst({ where: { projectId, code: 50502 } }))!;
    expect(incident.retrospective).toBe(false);
    // The morning's ordinary rate is by now far above what the incident froze at 05:00...
    expect(rhythm(surgeStart + 90 * MINUTE)).toBeGreaterThan(2 * incident.baselinePerMinute);
    // ...and it resolved by itself after the surge, not before.
    expect(incident.status).toBe("resolved");
    expect(incident.resolvedBy).toBeNull();
    expect(incident.resolvedAt!.getTime()).toBeGreaterThan(surgeStart + 25 * MINUTE);
    await quiet(projectId);
  }, 180_000);

  it("opens a new-code incident for a code the project never had, arriving from many phones", async () => {
    const { db, cycle } = await alertCycle();
    const { key, projectId } = await project("new-code");
    const now = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE + 20_000;
    // Three hours of 1006 (pairing), then 1102 at 60 a minute from 100 phones for 3 minutes.
    await sendEvents(server.url, key, [
      ...events(1006, now - 3 * 60 * MINUTE, now, 2, 50),
      ...events(1102, now - 3 * MINUTE, now, 60, 100),
    ]);
    await cycle(now);
    const incident = await db.incident.findFirst({
      where: { projectId },
      include: { rule: true },
    });
    expect(incident).toMatchObject({ code: 1102, status: "open" });
    expect(incident!.rule.builtin).toBe("new-code");
    await quiet(projectId);
  }, 120_000);

  it("the built-in 50502 rule fires in a project that never sent a 50502 (and new-code stays quiet)", async () => {
    const { db, cycle } = await alertCycle();
    const { key, projectId } = await project("first-50502");
    const now = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE + 20_000;
    await sendEvents(server.url, key, [
      ...events(1006, now - 3 * 60 * MINUTE, now, 2, 50),
      ...certificateExpired(now - 2 * MINUTE, now, 75),
    ]);
    await cycle(now);
    const incidents = await db.incident.findMany({ where: { projectId }, include: { rule: true } });
    expect(incidents.map((i) => [i.code, i.rule.builtin])).toEqual([[50502, "50502-surge"]]);
    await quiet(projectId);
  }, 120_000);

  it("a threshold rule opens at its count and resolves below it", async () => {
    const { db, cycle } = await alertCycle();
    const { key, projectId } = await project("threshold");
    await db.alertRule.updateMany({ where: { projectId }, data: { enabled: false } });
    const { createRule } = await import("@/lib/alerts/rules");
    await createRule(db, projectId, {
      name: "pairing failures",
      kind: "threshold",
      code: 1006,
      metric: "count",
      threshold: 100,
      windowMinutes: 5,
      minEvents: 0,
      minDevices: 5,
    });
    const t0 = Math.floor(Date.now() / MINUTE) * MINUTE - 40 * MINUTE + 20_000;
    // 10 a minute for an hour (50 in any five minutes), then 30 a minute for 10 minutes, then 10.
    await sendEvents(server.url, key, [
      ...events(1006, t0 - 60 * MINUTE, t0, 10, 40),
      ...events(1006, t0, t0 + 10 * MINUTE, 30, 40),
      ...events(1006, t0 + 10 * MINUTE, t0 + 30 * MINUTE, 10, 40),
    ]);
    await cycle(t0 - MINUTE);
    expect(await db.incident.count({ where: { projectId } })).toBe(0);
    await cycle(t0 + 4 * MINUTE);
    const opened = (await db.incident.findFirst({ where: { projectId } }))!;
    expect(opened.status).toBe("open");
    for (let m = 5; m <= 29; m++) await cycle(t0 + m * MINUTE);
    const after = (await db.incident.findUnique({ where: { id: opened.id } }))!;
    expect(after.status).toBe("resolved");
    // Not while the window still held 100 (until the surge ended at t0 + 10 min).
    expect(after.resolvedAt!.getTime()).toBeGreaterThanOrEqual(t0 + 10 * MINUTE);
    await quiet(projectId);
  }, 120_000);
});
