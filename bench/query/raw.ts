/**
 * The same answers as the statistics API, computed the naive way: by scanning the raw events
 * (through their (project, code, time) index where it helps) and, for series, running the
 * detector over the code's per-minute counts as counted from those events. The benchmark
 * reports the API against these.
 */
import type pg from "pg";

import { detectSeries, rollUp } from "../../lib/detect";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Series of `codes` over [from, to) by `step` minutes, with four weeks of history. */
export async function rawSeries(
  sql: pg.Pool,
  projectId: string,
  codes: number[],
  from: Date,
  to: Date,
  step: number,
): Promise<number> {
  const historyStart = Math.floor((from.getTime() - 28 * DAY) / MINUTE);
  const end = Math.ceil(to.getTime() / MINUTE);
  const { rows } = await sql.query<{ code: number; m: number; n: number }>(
    `SELECT code, (extract(epoch FROM date_trunc('minute', occurred_at)) / 60)::int AS m,
            count(*)::int AS n
     FROM event WHERE project_id = $1 AND code = ANY($2::int[])
       AND occurred_at >= to_timestamp($3::bigint * 60) AND occurred_at < $4
     GROUP BY 1, 2`,
    [projectId, codes, historyStart, to],
  );
  const dense = new Map(codes.map((c) => [c, new Float64Array(end - historyStart)]));
  for (const r of rows) dense.get(r.code)![r.m - historyStart] = r.n;
  let buckets = 0;
  for (const code of codes) {
    buckets += rollUp(detectSeries(dense.get(code)!, historyStart), step).buckets.length;
  }
  return buckets;
}

export async function rawTop(sql: pg.Pool, projectId: string, from: Date, to: Date) {
  const previous = new Date(2 * from.getTime() - to.getTime());
  const { rows } = await sql.query(
    `SELECT code, count(*) FILTER (WHERE occurred_at >= $2) AS count,
            count(*) FILTER (WHERE occurred_at < $2) AS previous
     FROM event WHERE project_id = $1 AND occurred_at >= $4 AND occurred_at < $3
     GROUP BY code ORDER BY 2 DESC, code LIMIT 20`,
    [projectId, from, to, previous],
  );
  return rows.length;
}

export async function rawBreakdown(
  sql: pg.Pool,
  projectId: string,
  code: number,
  from: Date,
  to: Date,
) {
  const baselineFrom = new Date(from.getTime() - 7 * DAY);
  const { rows } = await sql.query(
    `SELECT app_version, count(*) FILTER (WHERE occurred_at >= $3) AS count,
            count(*) FILTER (WHERE occurred_at < $3) AS baseline
     FROM event WHERE project_id = $1 AND code = $2 AND occurred_at >= $5 AND occurred_at < $4
     GROUP BY 1 ORDER BY 2 DESC`,
    [projectId, code, from, to, baselineFrom],
  );
  return rows.length;
}
