/**
 * Counts per bucket for some codes, with the detector's expected value, band and verdict: the
 * chart data of the overview and code pages. Every bucket of the range is present, zeros
 * included, and its count is every event stored for it when the read began, whatever the
 * background work has done: only verdicts may wait for the detector. Verdicts come from the
 * detectors the server keeps current (lib/detection), so they are exactly those a live alert
 * saw, and reading them is cheap:
 *   - hourly and daily buckets sum the stored hourly verdicts, plus the minutes not judged yet,
 *     replayed from the stored state (from the code's first minute for a code without one);
 *   - minute and 5-minute buckets replay the code's minutes from the checkpoint before the range:
 *     the hour before it within the last 30 hours, else the midnight before it (at most a day
 *     more than the range itself).
 * Each bucket says how far to trust its verdict (`verdict`, see `BucketVerdict`).
 */
import type pg from "pg";

import type { Principal } from "../auth/authorize";
import { withTransaction } from "../db/sql";
import { ensureCurrent } from "../detection/current";
import { mergeBeforeRead } from "../telemetry/aggregates";
import { busiestCodes, hasFilters, type Filters } from "../telemetry/reads";
import { requireRawWindow } from "./filters";
import type { CodeBuckets } from "./hour-grid";
import { INTERVAL_MINUTES, type SeriesQuery } from "./params";
import { readInScope } from "./scope";
import { dayBoundaries } from "../time/zone";
import {
  fromFilteredEvents,
  fromReplayedMinutes,
  fromStoredHours,
  type Range,
} from "./series-sources";

const DEFAULT_CODES = 10;

/**
 * How far a bucket's verdict (expected, upper, spike) can be trusted, the same for every reader
 * (the series API, the dashboard, alerts):
 *   - "settled": every minute of it was judged and stored by the detector; late events would
 *     be replayed into it, but it will not change otherwise;
 *   - "provisional": some minute of it was judged on the spot from the stored state (the last
 *     few minutes, a code seen for the first time minutes ago, a filtered slice); it may
 *     still change as late events arrive;
 *   - "none": no verdict is possible yet (before a code's first event, the first hour of a code
 *     there from its project's start, or the future): `upper` is null.
 */
export type BucketVerdict = "settled" | "provisional" | "none";

export interface SeriesPoint {
  t: string;
  count: number;
  expected: number;
  /** null while the detector has no verdict (before a code's first event, or in the future). */
  upper: number | null;
  spike: boolean;
  verdict: BucketVerdict;
}

/** A spike interval of one code: its minutes' peak, and how far its verdict can be trusted. */
export interface SeriesSpike {
  code: number;
  start: string;
  end: string;
  /** The highest count of one minute in the interval, and the expected count of that minute. */
  peak: number;
  expected: number;
  /** The same two, named for their unit (points count whole buckets, peaks one minute). */
  peakPerMinute: number;
  expectedPerMinute: number;
  verdict: Exclude<BucketVerdict, "none">;
}

export interface SeriesResult {
  interval: keyof typeof INTERVAL_MINUTES;
  /** The zone `1d` buckets follow (other buckets are UTC-aligned). */
  tz: string;
  from: string;
  to: string;
  /** Built code by code as it is read (a month of every code is ~3 MB of JSON). */
  series: Iterable<{ code: number; points: SeriesPoint[] }>;
  spikes: SeriesSpike[];
}

const iso = (minute: number) => new Date(minute * 60_000).toISOString();
const round = (x: number) => Math.round(x * 100) / 100;

/**
 * GET /api/v1/series for `principal`: the project from the caller and `query.project`
 * (lib/stats/scope.ts), the series, and the project's slug. Throws InvalidInputError,
 * NotFoundError or ForbiddenError (scope), InvalidInputError for a filtered range older than
 * the raw events' retention.
 */
export async function getSeries(principal: Principal, query: SeriesQuery) {
  return readInScope(principal, query, (scope, filtered) =>
    codeSeries(scope.pool, scope.projectId, query, filtered),
  );
}

/**
 * The series of `codes` (the 10 busiest of the range when absent) for `projectId`, in buckets of
 * `interval` over [from, to) widened to whole buckets.
 */
export async function codeSeries(
  pool: pg.Pool,
  projectId: string,
  query: {
    codes?: number[];
    from: Date;
    to: Date;
    interval: keyof typeof INTERVAL_MINUTES;
    /** Where `1d` buckets begin: local midnight in this IANA zone (UTC when absent). */
    tz?: string;
  },
  options: { filters?: Filters; rawDays?: number; nowMs?: number } = {},
): Promise<SeriesResult> {
  const nowMs = options.nowMs ?? Date.now();
  const filters = options.filters ?? {};
  const rawDays = options.rawDays ?? 30;
  if (hasFilters(filters)) requireRawWindow(query.from, rawDays, "must be", nowMs);
  const step = INTERVAL_MINUTES[query.interval];
  const tz = query.tz ?? "UTC";
  const bounds = bucketBounds(query, step, tz);
  const range: Range = {
    fromMinute: bounds[0]!,
    toMinute: bounds.at(-1)!,
    step,
    bounds,
    nowEnd: Math.floor(nowMs / 60_000) + 1,
  };
  // Counts of batches stored a moment ago may still wait in aggregate_delta (filtered answers
  // count raw events instead).
  if (!hasFilters(filters)) await mergeBeforeRead(pool);
  const client = await pool.connect();
  try {
    const codes =
      query.codes ??
      (await busiestCodes(
        client,
        projectId,
        { fromMinute: range.fromMinute, toMinute: range.toMinute, limit: DEFAULT_CODES },
        filters,
      ));
    if (hasFilters(filters)) {
      const perCode = await fromFilteredEvents(client, projectId, codes, range, {
        filters,
        rawDays,
        nowMs,
      });
      return present(query.interval, tz, range, codes, perCode);
    }
    await ensureCurrent(client, projectId, codes, nowMs);
    // One snapshot: a detector advancing meanwhile cannot show half its work.
    // Stored verdicts are hourly: buckets that begin on the hour sum them (days of a zone whose
    // offset is not whole hours, such as Asia/Kolkata, replay minutes instead).
    const hourly = step >= 60 && bounds.every((minute) => minute % 60 === 0);
    const perCode = await withTransaction(
      client,
      () =>
        hourly
          ? fromStoredHours(client, projectId, codes, range)
          : fromReplayedMinutes(client, projectId, codes, range),
      { isolation: "REPEATABLE READ", readOnly: true },
    );
    return present(query.interval, tz, range, codes, perCode);
  } finally {
    client.release();
  }
}

/**
 * Where the buckets of [from, to) begin: whole intervals aligned to UTC, or for `1d` the local
 * days of `tz` (zone.ts), widened to cover the range; `n + 1` epoch minutes for `n` buckets.
 */
function bucketBounds(query: { from: Date; to: Date }, step: number, tz: string): number[] {
  if (step === INTERVAL_MINUTES["1d"] && tz !== "UTC") {
    return dayBoundaries(tz, query.from.getTime(), query.to.getTime());
  }
  const from = Math.floor(query.from.getTime() / 60_000 / step) * step;
  const to = Math.ceil(query.to.getTime() / 60_000 / step) * step;
  return Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
}

function present(
  interval: keyof typeof INTERVAL_MINUTES,
  tz: string,
  range: Range,
  codes: number[],
  perCode: Map<number, CodeBuckets>,
): SeriesResult {
  // Every code has the same bucket times: formatted once, not once per code.
  const times = range.bounds.map(iso);
  const result: SeriesResult = {
    interval,
    tz,
    from: times[0]!,
    to: times.at(-1)!,
    series: pointsOf(codes, perCode, times.slice(0, -1), range),
    spikes: [],
  };
  for (const code of codes) {
    const { intervals, settledEnd } = perCode.get(code)!;
    for (const spike of intervals) {
      const endMinute = range.bounds[spike.endIndex + 1]!;
      result.spikes.push({
        code,
        start: times[spike.startIndex]!,
        end: times[spike.endIndex + 1]!,
        peak: spike.peak,
        expected: round(spike.expected),
        // Peaks are minutes' counts at every interval, while points count whole buckets.
        peakPerMinute: spike.peak,
        expectedPerMinute: round(spike.expected),
        verdict: Math.min(endMinute, range.nowEnd) <= settledEnd ? "settled" : "provisional",
      });
    }
  }
  return result;
}

/** The verdict of bucket `i` (see BucketVerdict); minutes from `range.nowEnd` on do not count. */
function verdictOf(buckets: CodeBuckets, i: number, range: Range): BucketVerdict {
  const start = range.bounds[i]!;
  if (start >= range.nowEnd || !Number.isFinite(buckets.upper[i]!)) return "none";
  const end = Math.min(range.bounds[i + 1]!, range.nowEnd);
  return end <= buckets.settledEnd ? "settled" : "provisional";
}

function* pointsOf(
  codes: number[],
  perCode: Map<number, CodeBuckets>,
  times: string[],
  range: Range,
) {
  for (const code of codes) {
    const buckets = perCode.get(code)!;
    yield {
      code,
      points: times.map((t, i): SeriesPoint => {
        const verdict = verdictOf(buckets, i, range);
        return {
          t,
          count: buckets.count[i]!,
          expected: round(buckets.expected[i]!),
          upper: verdict === "none" ? null : round(buckets.upper[i]!),
          spike: buckets.spike[i] === 1,
          verdict,
        };
      }),
    };
  }
}
