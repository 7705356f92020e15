/**
 * Codes ranked by how often they happened in [from, to), with the previous period of the same
 * length and the change: one query over the per-minute aggregate, or over the raw events when
 * filtered by dimension values.
 */
import type pg from "pg";

import type { Principal } from "../auth/authorize";
import { mergeBeforeRead } from "../telemetry/aggregates";
import { codeTotals, firstMinutes, hasFilters, type Filters } from "../telemetry/reads";
import { requireRawWindow } from "./filters";
import type { TopQuery } from "./params";
import { readInScope } from "./scope";

export interface TopRow {
  code: number;
  count: number;
  previousCount: number;
  /** When the project first reported this code: a code first seen in the range is new. */
  firstSeen: string;
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
  /** Every code's events in the range and in the previous period (the limit aside). */
  total: number;
  previousTotal: number;
  codes: TopRow[];
}

/** GET /api/v1/top for `principal` (see lib/stats/scope.ts for the project and its errors). */
export async function getTop(principal: Principal, query: TopQuery) {
  return readInScope(principal, query, (scope, filtered) =>
    topCodes(scope.pool, scope.projectId, query, filtered),
  );
}

/**
 * The ranking for `projectId`. Throws InvalidInputError when a filtered ranking reaches back
 * past the raw events' retention (`rawDays`).
 */
export async function topCodes(
  pool: pg.Pool,
  projectId: string,
  range: { from: Date; to: Date; limit: number },
  filtered?: { filters: Filters; rawDays: number },
): Promise<TopResult> {
  const length = range.to.getTime() - range.from.getTime();
  const previousFrom = new Date(range.from.getTime() - length);
  const filters = filtered?.filters ?? {};
  if (hasFilters(filters)) {
    // The previous period is what the change compares with: it must be counted whole too.
    requireRawWindow(previousFrom, filtered!.rawDays, "from − (to − from) must be");
  } else {
    // Counts of batches stored a moment ago may still wait in aggregate_delta.
    await mergeBeforeRead(pool);
  }
  const totals = await codeTotals(pool, projectId, { ...range, previousFrom }, filters);
  const firsts = await firstMinutes(
    pool,
    projectId,
    totals.codes.map((c) => c.code),
  );
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    previousFrom: previousFrom.toISOString(),
    previousTo: range.from.toISOString(),
    total: totals.total,
    previousTotal: totals.previousTotal,
    codes: totals.codes.map(({ code, count, previous }) => ({
      code,
      count,
      previousCount: previous,
      firstSeen: new Date((firsts.get(code) ?? 0) * 60_000).toISOString(),
      change: count - previous,
      changeRatio: previous > 0 ? Number((count / previous - 1).toFixed(4)) : null,
    })),
  };
}
