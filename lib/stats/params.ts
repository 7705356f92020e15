/** Query parameters of the statistics API, validated once for every endpoint. */
import { z } from "zod";

import { DIMENSIONS } from "../ingest/store";
import { projectSlug } from "../projects/api-schemas";

const MAX_RANGE_DAYS = 400;

const instant = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 time, e.g. 2026-11-26T00:00:00Z" })
  .transform((s) => new Date(s));

/** from < to, and a range the aggregates can answer. */
function checkRange<T extends { from: Date; to: Date }>(value: T, ctx: z.RefinementCtx) {
  // zod runs this even when a time failed to parse; that field already has its own error.
  if (!(value.from instanceof Date) || !(value.to instanceof Date)) return;
  if (value.from >= value.to)
    ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
  if (value.to.getTime() - value.from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    ctx.addIssue({
      code: "custom",
      path: ["from"],
      message: `the range may span at most ${MAX_RANGE_DAYS} days`,
    });
  }
}

export const topQuery = z
  .object({
    project: projectSlug.optional(),
    from: instant,
    to: instant,
    limit: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict()
  .superRefine(checkRange);

export const breakdownQuery = z
  .object({
    project: projectSlug.optional(),
    code: z.coerce.number().int().min(0).max(2_147_483_647),
    dimension: z.enum(
      Object.keys(DIMENSIONS) as [keyof typeof DIMENSIONS, ...(keyof typeof DIMENSIONS)[]],
    ),
    from: instant,
    to: instant,
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict()
  .superRefine(checkRange);
