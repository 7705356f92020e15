/**
 * One code split by one dimension over [from, to), from the per-dimension-hour aggregate:
 * each value's count and share, and the share it had in the code's baseline (the 7 days
 * before `from`). A value that jumps from a small baseline share to most of the events is
 * what a diagnosis looks for (one host, one carrier, old Android levels...).
 * The aggregate is hourly: the range is widened to whole hours. Filtered by dimension values,
 * it counts the raw events instead (lib/stats/filters.ts).
 */
import type pg from "pg";

import { mergeBeforeRead } from "../ingest/aggregate-deltas";
import type { Dimension } from "../ingest/batch-counts";
import { dimensionColumn, filterSql, hasFilters, requireRawWindow, type Filters } from "./filters";

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

/** The same over raw events, for a filtered breakdown (lib/stats/filters.ts). */
const breakdownRawSql = (column: string, filters: string) => `
  WITH matching AS (
    SELECT ${column} AS value, occurred_at >= $3 AS in_range FROM event
    WHERE project_id = $1 AND code = $2 AND occurred_at >= $5 AND occurred_at < $4${filters}
  ), counts AS (
    SELECT value, count(*) FILTER (WHERE in_range)::bigint AS count,
           count(*) FILTER (WHERE NOT in_range)::bigint AS baseline
    FROM matching WHERE value IS NOT NULL GROUP BY value
  ), totals AS (
    SELECT count(*) FILTER (WHERE in_range)::bigint AS total,
           count(*) FILTER (WHERE NOT in_range)::bigint AS baseline_total
    FROM matching
  )
  SELECT value, count, baseline, total, baseline_total FROM counts, totals
  WHERE count > 0
  ORDER BY count DESC, value
  LIMIT $6`;

const TOTAL_SQL = `
  SELECT COALESCE(sum(count), 0)::bigint AS total FROM event_minute
  WHERE project_id = $1 AND code = $2 AND minute >= $3 AND minute < $4`;

const totalRawSql = (filters: string) => `
  SELECT count(*)::bigint AS total FROM event
  WHERE project_id = $1 AND code = $2 AND occurred_at >= $3 AND occurred_at < $4${filters}`;

const share = (part: number, whole: number) => (whole > 0 ? Number((part / whole).toFixed(4)) : 0);

export async function breakdown(
  sql: pg.Pool,
  projectId: string,
  query: { code: number; dimension: Dimension; from: Date; to: Date; limit: number },
  filtered?: { filters: Filters; rawDays: number },
): Promise<BreakdownResult> {
  const from = new Date(Math.floor(query.from.getTime() / HOUR_MS) * HOUR_MS);
  const to = new Date(Math.ceil(query.to.getTime() / HOUR_MS) * HOUR_MS);
  const baselineFrom = new Date(from.getTime() - BASELINE_DAYS * 86_400_000);
  let params: unknown[] = [
    projectId,
    query.code,
    query.dimension,
    from,
    to,
    baselineFrom,
    query.limit,
  ];
  let text = BREAKDOWN_SQL;
  const totalParams: unknown[] = [projectId, query.code, from, to];
  let totalText = TOTAL_SQL;
  if (filtered && hasFilters(filtered.filters)) {
    // The baseline week counts whatever of it the raw window still holds.
    requireRawWindow(from, filtered.rawDays);
    params = [projectId, query.code, from, to, baselineFrom, query.limit];
    text = breakdownRawSql(dimensionColumn(query.dimension), filterSql(filtered.filters, params));
    totalText = totalRawSql(filterSql(filtered.filters, totalParams));
  } else {
    // Counts of batches stored a moment ago may still wait in aggregate_delta.
    await mergeBeforeRead(sql);
  }
  const { rows } = await sql.query<{
    value: string;
    count: string;
    baseline: string;
    total: string;
    baseline_total: string;
  }>(text, params);
  const total = rows[0]
    ? Number(rows[0].total)
    : Number((await sql.query<{ total: string }>(totalText, totalParams)).rows[0]?.total ?? 0);
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
