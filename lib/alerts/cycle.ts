/**
 * The alert cycle: every CW_ALERT_CYCLE_SECONDS (15 s by default), every project's rules are
 * evaluated on their codes' latest minutes (lib/alerts/evaluate.ts), open incidents followed up
 * (follow-up.ts), past surges recorded every few minutes (retrospective.ts), and due
 * notifications delivered (delivery.ts).
 *
 * However many app instances share the database, a cycle runs once: each instance's timer tries
 * to claim it with one conditional UPDATE of the single AlertCycle row (the last start is older
 * than 80% of a cycle), and only the instance whose UPDATE matched runs it. No lock is held
 * while it runs (the embedded database has one connection, which a held lock would block), and
 * nothing depends on it for correctness: an incident's unique open key (for a retrospective one, its
 * surge's) and the notification outbox, written in the incident's transaction, make a doubled
 * cycle harmless. A job queue
 * (pg-boss, graphile-worker) would add tables, a dependency and polling for one periodic job
 * that this row already serialises.
 */
import type pg from "pg";

import type { Db } from "../db/client";
import { logger } from "../log";
import { mergeBeforeRead } from "../telemetry/aggregates";
import { deliverDue, type DeliveryReport } from "./delivery";
import { findCandidates, openIncidents } from "./evaluate";
import { followUpIncidents } from "./follow-up";
import { recordOlderSurges, recordPastSurges } from "./retrospective";
import type { MinutePoint } from "./surge";

const MINUTE_MS = 60_000;
/**
 * Past surges are looked for this often, over this much history by the minute (and older days
 * when their stored verdicts change: recordOlderSurges).
 */
const RETROSPECTIVE_EVERY_MINUTES = 5;
const RETROSPECTIVE_HOURS = 24;

export interface CycleReport {
  ran: boolean;
  projects: number;
  opened: number;
  belowFloor: number;
  resolved: number;
  reminders: number;
  retrospective: number;
  delivery: DeliveryReport;
}

/** Runs one project's part of a cycle; its failure (a database hiccup) is logged, not thrown. */
async function guarded(projectId: string, what: string, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    // One project's failure must not keep the others from being paged.
    logger().error({ err: error, projectId }, `alert ${what} of a project failed`);
  }
}

/** Claims the cycle at `nowMs` for this instance; false when another ran one too recently. */
export async function claimCycle(pool: pg.Pool, nowMs: number, cycleMs: number): Promise<boolean> {
  const now = new Date(nowMs);
  const { rowCount } = await pool.query(
    `INSERT INTO "AlertCycle" (id, "lastRunAt") VALUES (1, $1)
     ON CONFLICT (id) DO UPDATE SET "lastRunAt" = $1
     WHERE "AlertCycle"."lastRunAt" <= $2`,
    [now, new Date(nowMs - cycleMs * 0.8)],
  );
  return rowCount === 1;
}

/**
 * Runs one cycle if this instance claims it (`force` skips the claim: tests and the CLI).
 * `baseUrl` is where incident links in notifications point.
 */
export async function runAlertCycle(
  db: Db,
  pool: pg.Pool,
  options: { nowMs?: number; cycleMs: number; baseUrl: string; force?: boolean },
): Promise<CycleReport> {
  const nowMs = options.nowMs ?? Date.now();
  const report: CycleReport = {
    ran: false,
    projects: 0,
    opened: 0,
    belowFloor: 0,
    resolved: 0,
    reminders: 0,
    retrospective: 0,
    delivery: { sent: 0, failed: 0, retrying: 0 },
  };
  if (!options.force && !(await claimCycle(pool, nowMs, options.cycleMs))) return report;
  report.ran = true;
  const started = Date.now();
  // Judge minutes with every stored batch counted, not only those merged so far.
  await mergeBeforeRead(pool);
  const rules = await db.alertRule.findMany({ where: { enabled: true } });
  const projectIds = [...new Set(rules.map((r) => r.projectId))];
  const nowMinute = Math.floor(nowMs / MINUTE_MS);
  const lookBack =
    nowMs % MINUTE_MS < options.cycleMs && nowMinute % RETROSPECTIVE_EVERY_MINUTES === 0;
  // Paging first: every project's new surges are opened and their notifications sent before
  // anything else (follow-ups, past surges) takes its share of the cycle.
  const points = new Map<string, Map<number, MinutePoint[]>>();
  for (const projectId of projectIds) {
    const projectRules = rules.filter((r) => r.projectId === projectId);
    await guarded(projectId, "evaluation", async () => {
      const found = await findCandidates(pool, projectId, projectRules, nowMs);
      points.set(projectId, found.points);
      const opened = await openIncidents(db, pool, projectId, found.candidates, nowMs);
      report.opened += opened.opened;
      report.belowFloor += opened.belowFloor;
    });
  }
  const paged = await deliverDue(db, { nowMs, baseUrl: options.baseUrl });
  for (const projectId of projectIds) {
    const projectRules = rules.filter((r) => r.projectId === projectId);
    await guarded(projectId, "follow-up", async () => {
      const known = points.get(projectId) ?? new Map();
      const followed = await followUpIncidents(db, pool, projectId, known, nowMs, options.cycleMs);
      report.resolved += followed.resolved;
      report.reminders += followed.reminders;
      if (lookBack) {
        const range = {
          from: new Date(nowMs - RETROSPECTIVE_HOURS * 3_600_000),
          to: new Date(nowMs),
        };
        report.retrospective += await recordPastSurges(
          db,
          pool,
          projectId,
          projectRules,
          range,
          nowMs,
        );
        report.retrospective += await recordOlderSurges(
          db,
          pool,
          projectId,
          projectRules,
          range.from.getTime(),
          nowMs,
        );
      }
    });
  }
  report.projects = projectIds.length;
  const rest = await deliverDue(db, { nowMs, baseUrl: options.baseUrl });
  report.delivery = {
    sent: paged.sent + rest.sent,
    failed: paged.failed + rest.failed,
    retrying: paged.retrying + rest.retrying,
  };
  // Re-sends that went through are only needed for "when was the last one" (follow-up.ts).
  await pool.query(
    `DELETE FROM "Notification" WHERE kind = 'refresh' AND status = 'sent' AND "createdAt" < $1`,
    [new Date(nowMs - 3_600_000)],
  );
  await pool.query(`UPDATE "AlertCycle" SET "durationMs" = $1 WHERE id = 1`, [
    Date.now() - started,
  ]);
  return report;
}
