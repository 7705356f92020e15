/**
 * Filters by dimension values on the statistics API: `?appVersion=5.2.1,5.2.2&region=cn-east`
 * keeps events whose app version is either of those AND whose region is cn-east.
 *
 * The aggregates are kept per code and per single dimension, so they cannot answer a filter
 * (nor two dimensions at once): filtered answers count the raw events, which are kept
 * CW_RAW_RETENTION_DAYS (30 by default), through their (project, code, time) index. A filtered
 * range must lie within that window. A filtered series runs the detector on the slice's own
 * per-minute counts, with as much of the four weeks of history as the window holds.
 */
import { z } from "zod";

import { InvalidInputError } from "../errors";
import { DIMENSIONS, type Dimension } from "../telemetry/columns";
import type { Filters } from "../telemetry/reads";

const values = z
  .string()
  .max(1_000)
  .transform((s) => [...new Set(s.split(",").map((v) => v.trim()))].filter(Boolean))
  .refine((list) => list.length > 0 && list.length <= 50, "1 to 50 comma-separated values")
  .optional();

/** Query parameters, one per dimension, to extend a statistics query schema with. */
export const filterParams = Object.fromEntries(
  (Object.keys(DIMENSIONS) as Dimension[]).map((d) => [d, values]),
) as Record<Dimension, typeof values>;

export function filtersOf(query: Partial<Record<Dimension, string[] | undefined>>): Filters {
  const filters: Filters = {};
  for (const dimension of Object.keys(DIMENSIONS) as Dimension[]) {
    const list = query[dimension];
    if (list?.length) filters[dimension] = list;
  }
  return filters;
}

/**
 * A filtered range must lie where raw events are kept. `earliest` is the first instant the
 * answer counts (for top, the start of the previous period it compares with).
 * Throws InvalidInputError naming `query.from` otherwise.
 */
export function requireRawWindow(
  earliest: Date,
  rawDays: number,
  what = "must be",
  nowMs = Date.now(),
): void {
  const oldest = nowMs - rawDays * 86_400_000;
  if (earliest.getTime() < oldest) {
    throw new InvalidInputError(
      "Filtered statistics count raw events, which are kept for a while.",
      [
        {
          field: "query.from",
          message: `with a dimension filter, ${what} within the last ${rawDays} days (raw events are kept that long); ${new Date(oldest).toISOString()} or later`,
        },
      ],
    );
  }
}
