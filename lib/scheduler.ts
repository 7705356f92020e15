import "server-only";

import { runAlertCycle } from "./alerts/cycle";
import { openIncidentCounts } from "./alerts/incident-reads";
import { poolOf } from "./db/client";
import { getDb } from "./db/server";
import { runDetectorTick } from "./detection/loop";
import { getEnv, publicBaseUrl } from "./env";
import { vacuumQueueTable } from "./db/vacuum";
import { mergeOnPool } from "./telemetry/aggregates";
import { runRetention } from "./telemetry/retention";
import { logger } from "./log";
import { metrics } from "./observability/metrics";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DETECTOR_FIRST_TICK_MS = 10_000;
const MERGE_EVERY_MS = 1_000;

async function retentionTick(): Promise<void> {
  try {
    const env = getEnv();
    const result = await runRetention(await getDb(), new Date(), {
      rawDays: env.CW_RAW_RETENTION_DAYS,
      aggregateMonths: env.CW_AGGREGATE_RETENTION_MONTHS,
    });
    if (result.ran) {
      logger().info(
        { dropped: result.dropped, created: result.created },
        `retention: dropped ${result.dropped.length} partitions, created ${result.created.length}`,
      );
    }
  } catch (error) {
    // The next tick tries again; a database outage must not take the server down.
    logger().error({ err: error }, "retention failed");
  }
}

let merging = false;
let mergeFailing = false;

/** Adds stored batches' counts to the aggregates (lib/telemetry/aggregates.ts). */
async function mergeTick(): Promise<void> {
  if (merging) return;
  merging = true;
  const m = metrics();
  try {
    const pool = poolOf(await getDb());
    m.aggregateBatchesMerged.inc(await mergeOnPool(pool));
    // A queue: a row per request in, every row out each second (lib/db/vacuum.ts).
    await vacuumQueueTable(pool, "aggregate_delta", MINUTE_MS, Date.now());
    if (mergeFailing) logger().info("aggregate merge works again");
    mergeFailing = false;
  } catch (error) {
    // Nothing is lost: the deltas wait, and readers merge before they read. Logged once per
    // failing spell, not every second of a database outage; the metric counts every failure.
    m.aggregateMergeFailures.inc();
    if (!mergeFailing) {
      logger().error({ err: error }, "aggregate merge failed (retrying every second)");
    }
    mergeFailing = true;
  } finally {
    merging = false;
  }
}

let detectorRunning = false;

/** Keeps the stored spike verdicts current (lib/detection/loop.ts); skips a tick still running. */
async function detectorTick(): Promise<void> {
  if (detectorRunning) return;
  detectorRunning = true;
  const m = metrics();
  const stop = m.detectorTickDuration.startTimer();
  try {
    const report = await runDetectorTick(poolOf(await getDb()), {
      aggregateMonths: getEnv().CW_AGGREGATE_RETENTION_MONTHS,
    });
    m.detectorMinutes.inc(report.minutesJudged);
  } catch (error) {
    m.detectorTickFailures.inc();
    logger().error({ err: error }, "detector tick failed");
  } finally {
    stop();
    detectorRunning = false;
  }
}

/** One alert cycle, if this instance claims it (lib/alerts/cycle.ts). */
async function alertTick(): Promise<void> {
  const m = metrics();
  const stop = m.alertCycleDuration.startTimer();
  try {
    const db = await getDb();
    const report = await runAlertCycle(db, poolOf(db), {
      cycleMs: getEnv().CW_ALERT_CYCLE_SECONDS * 1_000,
      baseUrl: publicBaseUrl(),
    });
    for (const { project, open } of await openIncidentCounts(db)) {
      m.openIncidents.set({ project }, open);
    }
    if (report.ran) {
      m.incidentsOpened.inc(report.opened);
      m.notificationsSent.inc({ outcome: "sent" }, report.delivery.sent);
      m.notificationsSent.inc({ outcome: "failed" }, report.delivery.failed);
      m.notificationsSent.inc({ outcome: "retrying" }, report.delivery.retrying);
    }
  } catch (error) {
    logger().error({ err: error }, "alert cycle failed");
  } finally {
    stop();
  }
}

/**
 * The alert cycle every `cycleMs`, counted from the start of the last one: one that ran long is
 * followed at once by the next, not a whole interval later (a fixed interval would skip the tick
 * that fell inside it).
 */
function scheduleAlertTick(delayMs: number, cycleMs: number): void {
  const timer = setTimeout(() => {
    const started = Date.now();
    void alertTick().finally(() =>
      scheduleAlertTick(Math.max(0, cycleMs - (Date.now() - started)), cycleMs),
    );
  }, delayMs);
  timer.unref();
}

export function startScheduler(): void {
  if (getEnv().CW_DISABLE_SCHEDULER === "1") return;
  const holder = globalThis as typeof globalThis & { __codewatchScheduler?: NodeJS.Timeout[] };
  if (holder.__codewatchScheduler) return;
  // Retention a minute after start (not during it), then hourly; detectors soon after start
  // (they may have fallen behind while the server was down), then every minute.
  setTimeout(() => void retentionTick(), MINUTE_MS).unref();
  setTimeout(() => void detectorTick(), DETECTOR_FIRST_TICK_MS).unref();
  const retention = setInterval(() => void retentionTick(), HOUR_MS);
  const detector = setInterval(() => void detectorTick(), MINUTE_MS);
  const merge = setInterval(() => void mergeTick(), MERGE_EVERY_MS);
  holder.__codewatchScheduler = [retention, detector, merge];
  for (const timer of holder.__codewatchScheduler) timer.unref();
  const cycleMs = getEnv().CW_ALERT_CYCLE_SECONDS * 1_000;
  scheduleAlertTick(cycleMs, cycleMs);
}
