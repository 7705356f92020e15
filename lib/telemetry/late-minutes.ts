/**
 * Late minutes: the aggregates' notice to their readers that a minute changed after it was
 * settled. Events for a minute older than LATE_AFTER_MINUTES when they arrive (an offline phone,
 * a backfill) leave a mark in `detector_late`, queued by the ingest statement with the batch's
 * counts and written by the merge with them (aggregates.ts), so a mark is never seen before its
 * counts. The spike detector (lib/detection) settles minutes after that and takes the marks to
 * replay what changed.
 */
import type { Sql } from "../db/sql";

/**
 * Events older than this, relative to the minute their batch was received in, are late. The
 * detector settles minutes a few minutes later than this (lib/detection/advance.ts): the margin
 * covers a batch whose transaction commits after the detector ran.
 */
export const LATE_AFTER_MINUTES = 2;

/** Codes of the project that have late marks waiting, among `codes` when given. */
export async function codesWithLateMarks(
  sql: Sql,
  projectId: string,
  codes?: number[],
): Promise<Set<number>> {
  const { rows } = await sql.query<{ code: number }>(
    codes
      ? `SELECT DISTINCT code FROM detector_late WHERE project_id = $1 AND code = ANY($2::int[])`
      : `SELECT DISTINCT code FROM detector_late WHERE project_id = $1`,
    codes ? [projectId, codes] : [projectId],
  );
  return new Set(rows.map((r) => r.code));
}

/** Removes the late marks of `codes` and returns the earliest marked minute of each. */
export async function takeLateMarks(
  sql: Sql,
  projectId: string,
  codes: number[],
): Promise<Map<number, number>> {
  const { rows } = await sql.query<{ code: number; m: number }>(
    `WITH taken AS (
       DELETE FROM detector_late WHERE project_id = $1 AND code = ANY($2::int[])
       RETURNING code, minute)
     SELECT code, (extract(epoch FROM min(minute)) / 60)::int AS m FROM taken GROUP BY code`,
    [projectId, codes],
  );
  return new Map(rows.map((r) => [r.code, r.m]));
}
