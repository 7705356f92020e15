/**
 * One code split by one dimension over [from, to), from the per-dimension-hour aggregate:
 * each value's count and share, and the share it had in the code's baseline (the 7 days
 * before `from`). A value that jumps from a small baseline share to most of the events is
 * what a diagnosis looks for (one host, one carrier, old Android levels...).
 * The aggregate is hourly: the range is widened to whole hours. Filtered by dimension values,
 * it counts the raw events instead (lib/stats/filters.ts).
 */
import type pg from "pg";

import type { Principal } from "../auth/authorize";
import { mergeBeforeRead } from "../telemetry/aggregates";
import type { Dimension } from "../telemetry/columns";
import { dimensionCounts, hasFilters, type Filters } from "../telemetry/reads";
import { requireRawWindow } from "./filters";
import type { BreakdownQuery } from "./params";
import { readInScope } from "./scope";

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

const share = (part: number, whole: number) => (whole > 0 ? Number((part / whole).toFixed(4)) : 0);

/** GET /api/v1/breakdown for `principal` (see lib/stats/scope.ts for the project and its errors). */
export async function getBreakdown(principal: Principal, query: BreakdownQuery) {
  return readInScope(principal, query, (scope, filtered) =>
    breakdown(scope.pool, scope.projectId, query, filtered),
  );
}

/**
 * The breakdown for `projectId`. Throws InvalidInputError when a filtered breakdown reaches
 * back past the raw events' retention (`rawDays`).
 */
export async function breakdown(
  pool: pg.Pool,
  projectId: string,
  query: { code: number; dimension: Dimension; from: Date; to: Date; limit: number },
  filtered?: { filters: Filters; rawDays: number },
): Promise<BreakdownResult> {
  const from = new Date(Math.floor(query.from.getTime() / HOUR_MS) * HOUR_MS);
  const to = new Date(Math.ceil(query.to.getTime() / HOUR_MS) * HOUR_MS);
  const baselineFrom = new Date(from.getTime() - BASELINE_DAYS * 86_400_000);
  const filters = filtered?.filters ?? {};
  if (hasFilters(filters)) {
    // The baseline week counts whatever of it the raw window still holds.
    requireRawWindow(from, filtered!.rawDays);
  } else {
    // Counts of batches stored a moment ago may still wait in aggregate_delta.
    await mergeBeforeRead(pool);
  }
  const counts = await dimensionCounts(
    pool,
    projectId,
    { ...query, from, to, baselineFrom },
    filters,
  );
  return {
    code: query.code,
    dimension: query.dimension,
    from: from.toISOString(),
    to: to.toISOString(),
    baselineFrom: baselineFrom.toISOString(),
    total: counts.total,
    rows: counts.values.map((v) => ({
      value: v.value,
      count: v.count,
      share: share(v.count, counts.total),
      baselineShare: counts.baselineTotal > 0 ? share(v.baseline, counts.baselineTotal) : null,
    })),
  };
}
