/**
 * Codes ranked by how often they happened in [from, to), with the previous period of the same
 * length and the change: one query over the per-minute aggregate, or over the raw events when
 * filtered by dimension values.
 */
import type pg from "pg";

import { mergeBeforeRead } from "../ingest/aggregate-deltas";
import { filterSql, hasFilters, requireRawWindow, type Filters } from "./filters";

export interface TopRow {
  code: number;
  count: number;
  previousCount: number;
  /** count − previousCount */
  change: number;
  /** count / previousCount − 1, or null when the code did not happen before. */
  changeRatio: number | null;
}

export interface TopResult {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  codes: TopRow[];
}

/** The same over raw events, for a filtered ranking (lib/stats/filters.ts). */
const topRawSql = (filters: string) => `
  SELECT code,
         count(*) FILTER (WHERE occurred_at >= $2)::bigint AS count,
         count(*) FILTER (WHERE occurred_at < $2)::bigint AS previous
  FROM event
  WHERE project_id = $1 AND occurred_at >= $4 AND occurred_at < $3${filters}
  GROUP BY code
  HAVING count(*) FILTER (WHERE occurred_at >= $2) > 0
  ORDER BY count DESC, code
  LIMIT $5`;

const TOP_SQL = `
  SELECT code,
         COALESCE(sum(count) FILTER (WHERE minute >= $2), 0)::bigint AS count,
         COALESCE(sum(count) FILTER (WHERE minute < $2), 0)::bigint AS previous
  FROM event_minute
  WHERE project_id = $1 AND minute >= $4 AND minute < $3
  GROUP BY code
  HAVING sum(count) FILTER (WHERE minute >= $2) > 0
  ORDER BY count DESC, code
  LIMIT $5`;

export async function topCodes(
  sql: pg.Pool,
  projectId: string,
  range: { from: Date; to: Date; limit: number },
  filtered?: { filters: Filters; rawDays: number },
): Promise<TopResult> {
  const length = range.to.getTime() - range.from.getTime();
  const previousFrom = new Date(range.from.getTime() - length);
  const params: unknown[] = [projectId, range.from, range.to, previousFrom, range.limit];
  let text = TOP_SQL;
  if (filtered && hasFilters(filtered.filters)) {
    // The previous period is what the change compares with: it must be counted whole too.
    requireRawWindow(previousFrom, filtered.rawDays, "from − (to − from) must be");
    text = topRawSql(filterSql(filtered.filters, params));
  } else {
    // Counts of batches stored a moment ago may still wait in aggregate_delta.
    await mergeBeforeRead(sql);
  }
  const { rows } = await sql.query<{ code: number; count: string; previous: string }>(text, params);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    previousFrom: previousFrom.toISOString(),
    previousTo: range.from.toISOString(),
    codes: rows.map((r) => {
      const count = Number(r.count);
      const previousCount = Number(r.previous);
      return {
        code: r.code,
        count,
        previousCount,
        change: count - previousCount,
        changeRatio: previousCount > 0 ? Number((count / previousCount - 1).toFixed(4)) : null,
      };
    }),
  };
}
