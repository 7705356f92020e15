/**
 * Which bucket size a chart asks the series API for: a default that keeps the chart readable,
 * and the sizes the reader may switch to within the API's limit of 2,000 buckets.
 */
import type { Interval, TimeRange } from "./types";

export const INTERVALS: readonly Interval[] = ["1m", "5m", "1h", "1d"];

/** Bucket lengths in ms; `1d` is nominal (a day in a zone with daylight saving can be 23 or 25 h). */
export const INTERVAL_MS: Readonly<Record<Interval, number>> = {
  "1m": 60_000,
  "5m": 300_000,
  "1h": 3_600_000,
  "1d": 86_400_000,
};

/** The series API refuses more buckets than this (lib/stats/params.ts). */
export const MAX_BUCKETS = 2_000;

/** A default keeps at most this many buckets: about 1.5 px each on a 1,100 px wide plot. */
export const DEFAULT_MAX_BUCKETS = 720;

/** The ranges the dashboard offers, in ms. */
export const RANGE_PRESETS = {
  "1h": 3_600_000,
  "6h": 21_600_000,
  "24h": 86_400_000,
  "7d": 604_800_000,
  "30d": 2_592_000_000,
} as const;

export type RangePreset = keyof typeof RANGE_PRESETS;

/**
 * The range of `preset` ending at the minute after `nowMs` (the current minute included), in ms.
 */
export function presetRange(preset: RangePreset, nowMs: number): TimeRange {
  const to = Math.ceil((nowMs + 1) / 60_000) * 60_000;
  return { from: to - RANGE_PRESETS[preset], to };
}

/** How many buckets of `interval` the API counts for `range` (as it checks its limit). */
export function bucketCount(range: TimeRange, interval: Interval): number {
  return Math.max(0, Math.ceil((range.to - range.from) / INTERVAL_MS[interval]));
}

/**
 * The intervals a reader may pick for `range`, finest first: no longer than the range and at
 * most MAX_BUCKETS buckets. Never empty for a range the API accepts (400 days at `1d` is 400).
 */
export function allowedIntervals(range: TimeRange): Interval[] {
  const length = range.to - range.from;
  const allowed = INTERVALS.filter(
    (interval) => INTERVAL_MS[interval] <= length && bucketCount(range, interval) <= MAX_BUCKETS,
  );
  return allowed.length > 0 ? allowed : ["1m"];
}

/**
 * The finest interval with at most DEFAULT_MAX_BUCKETS buckets for `range`: 1 h and 6 h → `1m`,
 * 24 h → `5m`, 7 d and 30 d → `1h`, longer → `1d`.
 */
export function defaultInterval(range: TimeRange): Interval {
  const allowed = allowedIntervals(range);
  return (
    allowed.find((interval) => bucketCount(range, interval) <= DEFAULT_MAX_BUCKETS) ??
    allowed[allowed.length - 1]!
  );
}

/**
 * The interval to ask for: `requested` (e.g. from the URL) when it is allowed for `range`, else
 * the default; with the intervals the reader may switch to.
 */
export function chooseInterval(
  range: TimeRange,
  requested?: Interval | null,
): { interval: Interval; allowed: Interval[] } {
  const allowed = allowedIntervals(range);
  const interval = requested && allowed.includes(requested) ? requested : defaultInterval(range);
  return { interval, allowed };
}
