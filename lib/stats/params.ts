/** Query parameters of the statistics API, validated once for every endpoint. */
import { z } from "zod";

import { DIMENSIONS } from "../telemetry/columns";
import { projectSlug } from "../projects/api-schemas";
import { filterParams } from "./filters";
import { isTimeZone } from "../time/zone";

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
    ...filterParams,
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
    ...filterParams,
  })
  .strict()
  .superRefine(checkRange);

export const INTERVAL_MINUTES = { "1m": 1, "5m": 5, "1h": 60, "1d": 1440 } as const;
const MAX_BUCKETS = 2_000;

export const seriesQuery = z
  .object({
    project: projectSlug.optional(),
    codes: z
      .string()
      .regex(/^\d{1,9}(,\d{1,9}){0,63}$/, "up to 64 comma-separated codes, e.g. 50502,50503")
      .transform((s) => [...new Set(s.split(",").map(Number))])
      .optional(),
    from: instant,
    to: instant,
    interval: z.enum(["1m", "5m", "1h", "1d"]).default("1h"),
    tz: z
      .string()
      .max(64)
      .refine(isTimeZone, "must be an IANA time zone, e.g. Asia/Shanghai or UTC")
      .default("UTC"),
    ...filterParams,
  })
  .strict()
  .superRefine(checkRange)
  .superRefine((value, ctx) => {
    if (!(value.from instanceof Date) || !(value.to instanceof Date)) return;
    const buckets =
      (value.to.getTime() - value.from.getTime()) / 60_000 / INTERVAL_MINUTES[value.interval];
    if (buckets > MAX_BUCKETS) {
      ctx.addIssue({
        code: "custom",
        path: ["interval"],
        message: `${Math.ceil(buckets)} buckets; at most ${MAX_BUCKETS}: choose a larger interval or a shorter range`,
      });
    }
  });

export type TopQuery = z.infer<typeof topQuery>;
export type BreakdownQuery = z.infer<typeof breakdownQuery>;
export type SeriesQuery = z.infer<typeof seriesQuery>;

/** `before` of the recent-events list: the position after a page's last event. */
const cursor = z
  .string()
  .regex(
    /^\d{4}-\d\d-\d\dT[\d:.]+Z_\d{4}-\d\d-\d\dT[\d:.]+Z$/,
    "must be the `next` value of a previous page",
  )
  .transform((s) => {
    const [occurredAt, receivedAt] = s.split("_").map((t) => new Date(t));
    return { occurredAt: occurredAt!, receivedAt: receivedAt! };
  })
  .refine(
    (c) => !Number.isNaN(c.occurredAt.getTime()) && !Number.isNaN(c.receivedAt.getTime()),
    "must be the `next` value of a previous page",
  );

export const eventsQuery = z
  .object({
    project: projectSlug.optional(),
    code: z.coerce.number().int().min(0).max(2_147_483_647),
    from: instant.optional(),
    to: instant.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: cursor.optional(),
    ...filterParams,
  })
  .strict();

export const releasesQuery = z
  .object({
    project: projectSlug.optional(),
    from: instant,
    to: instant,
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict()
  .superRefine(checkRange);

export type EventsQuery = z.infer<typeof eventsQuery>;
export type ReleasesQuery = z.infer<typeof releasesQuery>;

export const spikesQuery = z
  .object({ project: projectSlug.optional(), from: instant, to: instant })
  .strict()
  .superRefine(checkRange);

export type SpikesQuery = z.infer<typeof spikesQuery>;

/** A surge to diagnose: at most a day, and its baseline is the day before `from`. */
export const diagnosisQuery = z
  .object({
    project: projectSlug.optional(),
    code: z.coerce.number().int().min(0).max(2_147_483_647),
    from: instant,
    to: instant,
  })
  .strict()
  .superRefine((value, ctx) => {
    checkRange(value, ctx);
    if (value.to.getTime() - value.from.getTime() > 86_400_000) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "a surge may span at most a day" });
    }
  });

export type DiagnosisQuery = z.infer<typeof diagnosisQuery>;
