/**
 * The background detector loop: once a minute, every project's detectors are brought up to the
 * settled minutes, one code per transaction so readers waiting on the project lock get in
 * between. Several app instances may run it: the project lock is tried, not waited for.
 */
import type pg from "pg";

import { withConnection, withTransaction } from "../db/sql";
import { vacuumQueueTable } from "../db/vacuum";
import { mergeOnPool } from "../telemetry/aggregates";
import { codesWithLateMarks } from "../telemetry/late-minutes";
import { firstMinutes } from "../telemetry/reads";
import {
  advanceDetectors,
  CHECKPOINT_DAYS,
  codesBehind,
  HOURLY_CHECKPOINT_HOURS,
  judgedEnd,
  lockProject,
} from "./advance";
import { pruneDetectorTables, trackedCodes } from "./repository";

export interface TickReport {
  projects: number;
  codes: number;
  minutesJudged: number;
  /** Projects skipped because another instance held their lock. */
  busy: number;
}

/** Codes to consider: those with a detector or late marks, and catalogue codes that now have data. */
async function candidateCodes(client: pg.PoolClient, projectId: string): Promise<number[]> {
  const tracked = new Set([
    ...(await trackedCodes(client, projectId)),
    ...(await codesWithLateMarks(client, projectId)),
  ]);
  const { rows } = await client.query<{ code: number }>(`SELECT code FROM "CatalogCode"`);
  const untracked = rows.map((r) => r.code).filter((code) => !tracked.has(code));
  const started = await firstMinutes(client, projectId, untracked);
  return [...tracked, ...started.keys()].sort((a, b) => a - b);
}

/**
 * One code's advance in a transaction of its own, on a connection taken for it alone: between
 * codes the connection goes back to the pool, so requests (and, on the embedded database, which
 * has a single connection, everything else) get in between.
 */
async function advanceOne(pool: pg.Pool, projectId: string, code: number, end: number) {
  return withTransaction(pool, async (client) =>
    (await lockProject(client, projectId, false))
      ? advanceDetectors(client, projectId, [code], end)
      : undefined,
  );
}

export async function runDetectorTick(
  pool: pg.Pool,
  options: { nowMs?: number; aggregateMonths?: number } = {},
): Promise<TickReport> {
  const nowMs = options.nowMs ?? Date.now();
  const end = judgedEnd(nowMs);
  const report: TickReport = { projects: 0, codes: 0, minutesJudged: 0, busy: 0 };
  // Judge minutes with every stored batch counted, not only those merged so far.
  await mergeOnPool(pool);
  const projects = (await pool.query<{ id: string }>(`SELECT id FROM "Project"`)).rows;
  for (const { id } of projects) {
    const behind = await withConnection(pool, async (client) =>
      codesBehind(client, id, await candidateCodes(client, id), end),
    );
    report.projects++;
    for (const code of behind) {
      const done = await advanceOne(pool, id, code, end);
      if (!done) {
        report.busy++;
        break;
      }
      report.codes += done.codes;
      report.minutesJudged += done.minutesJudged;
    }
  }
  const months = options.aggregateMonths ?? 13;
  await withConnection(pool, (client) =>
    pruneDetectorTables(client, {
      checkpointsBefore: end - CHECKPOINT_DAYS * 1_440,
      hourlyBefore: end - HOURLY_CHECKPOINT_HOURS * 60,
      hoursBefore: end - months * 31 * 1_440,
    }),
  );
  // A queue: every backfilled batch adds marks, every tick takes them (lib/db/vacuum.ts).
  await vacuumQueueTable(pool, "detector_late", 10 * 60_000, nowMs);
  return report;
}
