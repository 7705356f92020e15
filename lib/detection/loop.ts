/**
 * The background detector loop: once a minute, every project's detectors are brought up to the
 * settled minutes, one code per transaction so readers waiting on the project lock get in
 * between. Several app instances may run it: the project lock is tried, not waited for.
 */
import type pg from "pg";

import {
  advanceDetectors,
  CHECKPOINT_DAYS,
  currentSettings,
  judgedEnd,
  lockProject,
  settingsKey,
} from "./advance";
import {
  codesWithLateMarks,
  firstMinutes,
  loadStates,
  pruneDetectorTables,
  trackedCodes,
} from "./repository";

export interface TickReport {
  projects: number;
  codes: number;
  minutesJudged: number;
  /** Projects skipped because another instance held their lock. */
  busy: number;
}

/** Codes to advance: those with a detector or late marks, and catalogue codes that now have data. */
async function codesToAdvance(client: pg.PoolClient, projectId: string): Promise<number[]> {
  const tracked = await trackedCodes(client, projectId);
  const { rows } = await client.query<{ code: number }>(`SELECT code FROM "CatalogCode"`);
  const known = new Set(tracked);
  const untracked = rows.map((r) => r.code).filter((code) => !known.has(code));
  const started = await firstMinutes(client, projectId, untracked);
  return [...tracked, ...started.keys()].sort((a, b) => a - b);
}

async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

export async function runDetectorTick(
  pool: pg.Pool,
  options: { nowMs?: number; aggregateMonths?: number } = {},
): Promise<TickReport> {
  const nowMs = options.nowMs ?? Date.now();
  const end = judgedEnd(nowMs);
  const key = settingsKey(currentSettings());
  const report: TickReport = { projects: 0, codes: 0, minutesJudged: 0, busy: 0 };
  const client = await pool.connect();
  try {
    const projects = (await client.query<{ id: string }>(`SELECT id FROM "Project"`)).rows;
    for (const { id } of projects) {
      const codes = await codesToAdvance(client, id);
      const states = await loadStates(client, id, codes, false);
      const late = await codesWithLateMarks(client, id, codes);
      report.projects++;
      for (const code of codes) {
        const state = states.get(code);
        const current = state !== undefined && state.settings === key && state.nextMinute >= end;
        if (current && !late.has(code)) continue;
        const done = await inTransaction(client, async () => {
          if (!(await lockProject(client, id, false))) return undefined;
          return advanceDetectors(client, id, [code], end);
        });
        if (!done) {
          report.busy++;
          break;
        }
        report.codes += done.codes;
        report.minutesJudged += done.minutesJudged;
      }
    }
    const months = options.aggregateMonths ?? 13;
    await pruneDetectorTables(client, end - CHECKPOINT_DAYS * 1_440, end - months * 31 * 1_440);
    return report;
  } finally {
    client.release();
  }
}
