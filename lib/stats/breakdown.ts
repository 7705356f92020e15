/**
 * One code split by one dimension over [from, to), from the per-dimension-hour aggregate:
 * each value's count and share, and the share it had in the code's baseline (the 7 days
 * before `from`). A value that jumps from a small baseline share to most of the events is
 * what a diagnosis looks for (one host, one carrier, old Android levels...).
 * The aggregate is hourly: the range is widened to whole hours.
 */
import type pg from "pg";

export const BASELINE_DAYS = 7;
const HOUR_MS = 3_600_000;

export interface BreakdownRow {
  value: string;
  count: number;
  share: number;
  baselineShare: number | null;
}

export interface BreakdownResult {
  code: number;
  dimension: string;
  from: string;
  to: string;
  baselineFrom: string;
  total: number;
  rows: BreakdownRow[];
}

const BREAKDOWN_SQL = `
  WITH counts AS (
    SELECT value,
           COALESCE(sum(count) FILTER (WHERE hour >= $4), 0)::bigint AS count,
           COALESCE(sum(count) FILTER (WHERE hour < $4), 0)::bigint AS baseline
    FROM event_dimension_hour
    WHERE project_id = $1 AND code = $2 AND dimension = $3 AND hour >= $6 AND hour < $5
    GROUP BY value
  ), totals AS (
    SELECT COALESCE(sum(count) FILTER (WHERE minute >= $4), 0)::bigint AS total,
           COALESCE(sum(count) FILTER (WHERE minute < $4), 0)::bigint AS baseline_total
    FROM event_minute
    WHERE project_id = $1 AND code = $2 AND minute >= $6 AND minute < $5
  )
  SELECT value, count, baseline, total, baseline_total FROM counts, totals
  WHERE count > 0
  ORDER BY count DESC, value
  LIMIT $7`;

const TOTAL_SQL = `
  SELECT COALESCE(sum(count), 0)::bigint AS total FROM event_minute
  WHERE project_id = $1 AND code = $2 AND minute >= $3 AND minute < $4`;

const share = (part: number, whole: number) => (whole > 0 ? Number((part / whole).toFixed(4)) : 0);

export async function breakdown(
  sql: pg.Pool | pg.PoolClient,
  projectId: string,
  query: { code: number; dimension: string; from: Date; to: Date; limit: number },
): Promise<BreakdownResult> {
  const from = new Date(Math.floor(query.from.getTime() / HOUR_MS) * HOUR_MS);
  const to = new Date(Math.ceil(query.to.getTime() / HOUR_MS) * HOUR_MS);
  const baselineFrom = new Date(from.getTime() - BASELINE_DAYS * 86_400_000);
  const { rows } = await sql.query<{
    value: string;
    count: string;
    baseline: string;
    total: string;
    baseline_total: string;
  }>(BREAKDOWN_SQL, [projectId, query.code, query.dimension, from, to, baselineFrom, query.limit]);
  const total = rows[0]
    ? Number(rows[0].total)
    : Number(
        (await sql.query<{ total: string }>(TOTAL_SQL, [projectId, query.code, from, to])).rows[0]
          ?.total ?? 0,
      );
  return {
    code: query.code,
    dimension: query.dimension,
    from: from.toISOString(),
    to: to.toISOString(),
    baselineFrom: baselineFrom.toISOString(),
    total,
    rows: rows.map((r) => {
      const baselineTotal = Number(r.baseline_total);
      return {
        value: r.value,
        count: Number(r.count),
        share: share(Number(r.count), total),
        baselineShare: baselineTotal > 0 ? share(Number(r.baseline), baselineTotal) : null,
      };
    }),
  };
}
