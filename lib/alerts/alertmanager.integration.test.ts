/**
 * codewatch against a real Prometheus Alertmanager (Debian's `prometheus-alertmanager` 0.25,
 * started here on a loopback port): a server certificate left expired for 8 hours, played in
 * simulated time and sent over real HTTP, opens one incident that stays open the whole 8 hours
 * (the detector absorbs so long a shift; the incident waits for counts near the baseline frozen
 * at opening), while Alertmanager holds one active alert for it, kept alive by codewatch's
 * re-sends (at most one per simulated minute, each pushing `endsAt` 4 real minutes ahead, so the
 * alert outlives Alertmanager's resolve_timeout). When the certificate is renewed the incident
 * resolves by itself and the alert is resolved in Alertmanager.
 *
 * Alertmanager's clock is the real one, so the simulated 11 hours end half an hour before the
 * test starts: a resolved alert's `endsAt` (the simulated resolve time) is then in the past, as
 * it would be live, and every active alert's `endsAt` (real time + 4 minutes) in the future.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";
import { background, certificateExpired, sendEvents } from "@/test/support/surges";
import { alertCycle, CYCLE_MS } from "@/test/support/alert-cycle";

const BINARY = "/usr/bin/prometheus-alertmanager";
const installed = existsSync(BINARY);
const skip = !installed && process.env.CI !== "true";
if (skip) {
  console.warn(
    `Skipping the Alertmanager tests: ${BINARY} is not installed ` +
      "(apt-get install -y prometheus-alertmanager). In CI they run.",
  );
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RESOLVE_TIMEOUT_MS = 10_000;
const SLUG = "am-certs";

interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  fingerprint: string;
  status: { state: "unprocessed" | "active" | "suppressed" };
}

let fixture: IngestFixture;
let server: RouteServer;
let alertmanager: ChildProcess | undefined;
let alertmanagerUrl: string;
let workDir: string | undefined;
const alertmanagerLog: string[] = [];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startAlertmanager() {
  workDir = await mkdtemp(path.join(tmpdir(), "cw-alertmanager-"));
  const config = path.join(workDir, "alertmanager.yml");
  await writeFile(
    config,
    [
      "global:",
      `  resolve_timeout: ${RESOLVE_TIMEOUT_MS / 1000}s`,
      "route:",
      '  receiver: "null"',
      "receivers:",
      '  - name: "null"',
      "",
    ].join("\n"),
  );
  const port = await freePort();
  alertmanagerUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    BINARY,
    [
      `--config.file=${config}`,
      `--storage.path=${path.join(workDir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // No clustering: no gossip port, and ready at once.
      "--cluster.listen-address=",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  alertmanager = child;
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk: Buffer) => alertmanagerLog.push(chunk.toString()));
  }
  let exited: number | null | undefined;
  child.on("exit", (code) => (exited = code));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) break;
    const ready = await fetch(`${alertmanagerUrl}/-/ready`).catch(() => undefined);
    if (ready?.status === 200) return;
    await sleep(200);
  }
  throw new Error(
    `Alertmanager did not become ready (exit code ${exited}):\n${alertmanagerLog.join("")}`,
  );
}

async function stopAlertmanager() {
  const child = alertmanager;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(5_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  if (workDir) await rm(workDir, { recursive: true, force: true });
}

/** Alertmanager's alerts for our project, as GET /api/v2/alerts lists them (active ones). */
async function alertsOfProject(): Promise<GettableAlert[]> {
  const filter = encodeURIComponent(`project="${SLUG}"`);
  const response = await fetch(`${alertmanagerUrl}/api/v2/alerts?filter=${filter}`);
  expect(response.status).toBe(200);
  return (await response.json()) as GettableAlert[];
}

/** The one alert of the project once Alertmanager has processed it (it lists it at once). */
async function activeAlert(): Promise<GettableAlert> {
  let alerts: GettableAlert[] = [];
  for (let i = 0; i < 25; i++) {
    alerts = await alertsOfProject();
    if (alerts.length === 1 && alerts[0]!.status.state === "active") return alerts[0]!;
    await sleep(200);
  }
  throw new Error(`expected one active alert, Alertmanager lists ${JSON.stringify(alerts)}`);
}

/** Alertmanager's own count of alerts it received as resolved (endsAt in the past). */
async function receivedResolved(): Promise<number> {
  const text = await (await fetch(`${alertmanagerUrl}/metrics`)).text();
  const match =
    /^alertmanager_alerts_received_total\{status="resolved",version="v2"\} (\S+)$/m.exec(text);
  return match ? Number(match[1]) : 0;
}

describe.skipIf(skip)("a real Alertmanager", () => {
  beforeAll(async () => {
    if (!installed) {
      throw new Error(`${BINARY} is not installed: apt-get install -y prometheus-alertmanager`);
    }
    await startAlertmanager();
    fixture = await startIngestFixture({
      projectSlug: SLUG,
      env: { CW_INGEST_REQUESTS_PER_SECOND: "10000" },
    });
    const { POST } = await import("@/app/api/v1/events/route");
    server = await serveRoutes({ "POST /api/v1/events": POST });
    const { db } = await alertCycle();
    const { updateProject } = await import("@/lib/projects/repository");
    await updateProject(db, SLUG, { language: "en" });
    const { createChannel } = await import("@/lib/alerts/channels");
    await createChannel(
      db,
      fixture.projectId,
      { name: "alertmanager", type: "alertmanager", url: alertmanagerUrl },
      null,
    );
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await fixture?.close();
    await stopAlertmanager();
  });

  it("holds one alert active through an 8-hour certificate expiry, then resolves it", async () => {
    const { db, cycle } = await alertCycle();
    const { latestMinutes } = await import("@/lib/alerts/minutes");
    const { poolOf } = await import("@/lib/db/client");
    const projectId = fixture.projectId;
    const send = (events: Parameters<typeof sendEvents>[2]) =>
      sendEvents(server.url, fixture.key, events);
    // Certificate renewed half an hour before the real now; expired 8 hours before that; three
    // hours of quiet background before the expiry.
    const renewed = Math.floor(Date.now() / MINUTE) * MINUTE - 30 * MINUTE;
    const expired = renewed - 8 * HOUR;
    await send(background(expired - 3 * HOUR, expired));

    let now = expired;
    /** Time goes on to `to`: what happened before reaches codewatch, then a cycle runs. */
    const advance = async (to: number) => {
      const surgeUntil = Math.min(to, renewed);
      await send([
        ...background(now, to),
        ...(now < surgeUntil ? certificateExpired(now, surgeUntil, 20, 300) : []),
      ]);
      now = to;
      return cycle(now);
    };
    const live = () => db.incident.findMany({ where: { projectId, retrospective: false } });

    // The first minutes of the expiry, a cycle a minute: one incident opens and pages.
    let opened: number | undefined;
    while (now < expired + 5 * MINUTE) {
      const report = await advance(now + MINUTE);
      if (report.opened > 0) opened ??= now;
    }
    expect(opened).toBeDefined();
    expect(opened! - expired).toBeLessThanOrEqual(3 * MINUTE);
    const [incident] = await live();
    expect(incident).toMatchObject({ status: "open", code: 50502 });

    const first = await activeAlert();
    const activeSince = Date.now();
    expect(first.labels).toMatchObject({
      alertname: "CodewatchIncident",
      project: SLUG,
      code: "50502",
      incident: incident!.id,
    });
    expect(first.annotations.cause).toBe("certificate-expired");
    expect(first.annotations.summary).toContain("Server certificate probably expired");
    expect(Date.parse(first.startsAt)).toBe(incident!.startedAt.getTime());
    // codewatch's own endsAt, minutes ahead of the real clock, not resolve_timeout's.
    expect(Date.parse(first.endsAt)).toBeGreaterThan(Date.now() + 3 * MINUTE);

    // Cycles every 15 s for two minutes: re-sent once a simulated minute, not every cycle.
    const refreshes = () =>
      db.notification.count({
        where: { kind: "refresh", incidents: { some: { incidentId: incident!.id } } },
      });
    const before = await refreshes();
    for (let i = 0; i < 8; i++) await advance(now + CYCLE_MS);
    expect((await refreshes()) - before).toBe(2);

    // The rest of the 8 hours, a cycle every 10 minutes, looking in on Alertmanager each hour.
    let hoursLookedIn = 0;
    while (now + 10 * MINUTE <= renewed - 20 * MINUTE) {
      await advance(now + 10 * MINUTE);
      const { status } = await db.incident.findUniqueOrThrow({ where: { id: incident!.id } });
      expect(status).toBe("open");
      if (now - expired >= (hoursLookedIn + 1) * HOUR) {
        hoursLookedIn++;
        expect((await activeAlert()).fingerprint).toBe(first.fingerprint);
      }
    }
    expect(hoursLookedIn).toBe(7);
    // Codewatch keeps cycling, in real time too, until more than Alertmanager's resolve_timeout
    // has passed since the alert was first seen (the 8 hours above may take less).
    while (Date.now() - activeSince < RESOLVE_TIMEOUT_MS + 3_000 && now < renewed - 5 * MINUTE) {
      await sleep(500);
      await advance(now + CYCLE_MS);
    }
    expect(Date.now() - activeSince).toBeGreaterThan(RESOLVE_TIMEOUT_MS);
    const held = await activeAlert();
    expect(held.fingerprint).toBe(first.fingerprint);
    expect(held.labels.incident).toBe(incident!.id);
    // Re-sent all along: its end keeps moving ahead of the real clock.
    expect(Date.parse(held.endsAt)).toBeGreaterThan(Date.parse(first.endsAt));
    expect(Date.parse(held.endsAt)).toBeGreaterThan(Date.now() + 3 * MINUTE);

    // Hours in, the detector has absorbed the shift: no spike in its recent minutes, yet the
    // incident is open, since counts are far above the baseline frozen when it opened.
    const recent = (await latestMinutes(poolOf(db), projectId, [50502], now, 30)).get(50502)!;
    expect(recent.slice(0, -5).some((p) => p.spike)).toBe(false);
    expect(recent.at(-2)!.count).toBeGreaterThan(10 * incident!.baselinePerMinute);

    // The last minutes of the expiry and after the renewal, a cycle a minute.
    const resolvedBefore = await receivedResolved();
    let resolvedAt: number | undefined;
    while (now < renewed + 20 * MINUTE) {
      if (resolvedAt === undefined) {
        // Until codewatch resolves it, Alertmanager holds it active.
        expect((await activeAlert()).fingerprint).toBe(first.fingerprint);
      }
      const report = await advance(Math.floor(now / MINUTE) * MINUTE + MINUTE);
      if (report.resolved > 0) resolvedAt ??= now;
    }
    const after = await db.incident.findUniqueOrThrow({
      where: { id: incident!.id },
      include: { timeline: true },
    });
    expect(after.status).toBe("resolved");
    expect(after.resolvedBy).toBeNull();
    expect(after.resolvedAt!.getTime()).toBe(resolvedAt);
    // Open for the whole 8 hours: resolved only after ten quiet minutes past the renewal.
    expect(resolvedAt!).toBeGreaterThanOrEqual(renewed + 10 * MINUTE);
    expect(resolvedAt!).toBeLessThanOrEqual(renewed + 15 * MINUTE);
    expect(after.timeline.filter((e) => e.kind === "opened")).toHaveLength(1);
    expect(after.timeline.find((e) => e.kind === "resolved")?.detail).toMatchObject({
      by: "quiet",
    });
    // One incident for the whole expiry.
    expect(await live()).toHaveLength(1);

    // The resolve went out to Alertmanager, which took it as resolved and lists it no more.
    const resolve = await db.notification.findFirstOrThrow({
      where: { kind: "resolve", incidents: { some: { incidentId: incident!.id } } },
      include: { tries: true },
    });
    expect(resolve.status).toBe("sent");
    expect(resolve.tries.map((t) => [t.ok, t.httpStatus])).toEqual([[true, 200]]);
    expect(await receivedResolved()).toBeGreaterThan(resolvedBefore);
    expect(await alertsOfProject()).toEqual([]);
    // Nothing re-sent after the resolve.
    expect(
      await db.notification.count({
        where: {
          kind: "refresh",
          createdAt: { gt: after.resolvedAt! },
          incidents: { some: { incidentId: incident!.id } },
        },
      }),
    ).toBe(0);
  }, 120_000);
});
