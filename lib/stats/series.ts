/**
 * Counts per bucket for some codes, with the detector's expected value, band and verdict: the
 * chart data of the overview and code pages. Every bucket of the range is present, zeros
 * included. Verdicts come from the detectors the server keeps current (lib/detection), so they
 * are exactly those a live alert saw, and reading them is cheap:
 *   - hourly and daily buckets sum the stored hourly verdicts, plus the last few minutes not
 *     judged yet, replayed from the stored state;
 *   - minute and 5-minute buckets replay the code's minutes from the midnight checkpoint before
 *     the range (at most a day more than the range itself).
 * Buckets before a code's first event, or in the future, have no verdict: `upper` is null.
 */
import type pg from "pg";

import { ensureCurrent } from "../detection/current";
import { mergeBeforeRead } from "../ingest/aggregate-deltas";
import type { Sql } from "../detection/repository";
import type { CodeBuckets } from "./hour-grid";
import { INTERVAL_MINUTES } from "./params";
import { filterSql, hasFilters, requireRawWindow, type Filters } from "./filters";
import {
  fromFilteredEvents,
  fromReplayedMinutes,
  fromStoredHours,
  type Range,
} from "./series-sources";

const DEFAULT_CODES = 10;

export interface SeriesPoint {
  t: string;
  count: number;
  expected: number;
  /** null while the detector has no verdict (before a code's first event, or in the future). */
  upper: number | null;
  spike: boolean;
}

export interface SeriesResult {
  interval: keyof typeof INTERVAL_MINUTES;
  from: string;
  to: string;
  /** Built code by code as it is read (a month of every code is ~3 MB of JSON). */
  series: Iterable<{ code: number; points: SeriesPoint[] }>;
  spikes: { code: number; start: string; end: string; peak: number; expected: number }[];
}

const iso = (minute: number) => new Date(minute * 60_000).toISOString();
const round = (x: number) => Math.round(x * 100) / 100;

export async function codeSeries(
  pool: pg.Pool,
  projectId: string,
  query: { codes?: number[]; from: Date; to: Date; interval: keyof typeof INTERVAL_MINUTES },
  options: { filters?: Filters; rawDays?: number; nowMs?: number } = {},
): Promise<SeriesResult> {
  const nowMs = options.nowMs ?? Date.now();
  const filters = options.filters ?? {};
  const rawDays = options.rawDays ?? 30;
  if (hasFilters(filters)) requireRawWindow(query.from, rawDays, "must be", nowMs);
  const step = INTERVAL_MINUTES[query.interval];
  const range: Range = {
    fromMinute: Math.floor(query.from.getTime() / 60_000 / step) * step,
    toMinute: Math.ceil(query.to.getTime() / 60_000 / step) * step,
    step,
    nowEnd: Math.floor(nowMs / 60_000) + 1,
  };
  // Counts of batches stored a moment ago may still wait in aggregate_delta (filtered answers
  // count raw events instead).
  if (!hasFilters(filters)) await mergeBeforeRead(pool);
  const client = await pool.connect();
  try {
    const codes = query.codes ?? (await busiestCodes(client, projectId, range, filters));
    if (hasFilters(filters)) {
      const perCode = await fromFilteredEvents(client, projectId, codes, range, {
        filters,
        rawDays,
        nowMs,
      });
      return present(query.interval, range, codes, perCode);
    }
    await ensureCurrent(client, projectId, codes, nowMs);
    // One snapshot: a detector advancing meanwhile cannot show half its work.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const perCode =
        step % 60 === 0
          ? await fromStoredHours(client, projectId, codes, range)
          : await fromReplayedMinutes(client, projectId, codes, range);
      await client.query("COMMIT");
      return present(query.interval, range, codes, perCode);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    client.release();
  }
}

/** The most frequent codes of the range (of the filtered slice, when filtered). */
async function busiestCodes(
  sql: Sql,
  projectId: string,
  range: Range,
  filters: Filters,
): Promise<number[]> {
  const params: unknown[] = [projectId, iso(range.fromMinute), iso(range.toMinute)];
  const { rows } = await sql.query<{ code: number }>(
    hasFilters(filters)
      ? `SELECT code FROM event WHERE project_id = $1 AND occurred_at >= $2 AND occurred_at < $3
         ${filterSql(filters, params)} GROUP BY code ORDER BY count(*) DESC, code LIMIT ${DEFAULT_CODES}`
      : `SELECT code FROM event_minute WHERE project_id = $1 AND minute >= $2 AND minute < $3
         GROUP BY code ORDER BY sum(count) DESC, code LIMIT ${DEFAULT_CODES}`,
    params,
  );
  return rows.map((r) => r.code);
}

function present(
  interval: keyof typeof INTERVAL_MINUTES,
  range: Range,
  codes: number[],
  perCode: Map<number, CodeBuckets>,
): SeriesResult {
  // Every code has the same bucket times: formatted once, not once per code.
  const times: string[] = [];
  for (let start = range.fromMinute; start < range.toMinute; start += range.step) {
    times.push(iso(start));
  }
  const result: SeriesResult = {
    interval,
    from: iso(range.fromMinute),
    to: iso(range.toMinute),
    series: pointsOf(codes, perCode, times),
    spikes: [],
  };
  for (const code of codes) {
    for (const spike of perCode.get(code)!.intervals) {
      result.spikes.push({
        code,
        start: times[spike.startIndex]!,
        end: iso(range.fromMinute + (spike.endIndex + 1) * range.step),
        peak: spike.peak,
        expected: round(spike.expected),
      });
    }
  }
  return result;
}

function* pointsOf(codes: number[], perCode: Map<number, CodeBuckets>, times: string[]) {
  for (const code of codes) {
    const buckets = perCode.get(code)!;
    yield {
      code,
      points: times.map((t, i) => ({
        t,
        count: buckets.count[i]!,
        expected: round(buckets.expected[i]!),
        upper: Number.isFinite(buckets.upper[i]!) ? round(buckets.upper[i]!) : null,
        spike: buckets.spike[i] === 1,
      })),
    };
  }
}
