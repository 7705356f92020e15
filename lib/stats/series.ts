/**
 * Counts per bucket for some codes, with the detector's expected value, band and verdict: the
 * chart data of the overview and code pages. Every bucket of the range is present, zeros
 * included. The detector (lib/detect) runs over the code's per-minute counts from four weeks
 * before the range, so the verdicts are exactly those a live alert would have seen then.
 */
import type pg from "pg";

import { detectSeries, rollUp } from "../detect";
import { INTERVAL_MINUTES } from "./params";

/** The detector's seasonal profile looks back four weeks. */
const HISTORY_MINUTES = 28 * 1440;
const DEFAULT_CODES = 10;

export interface SeriesPoint {
  t: string;
  count: number;
  expected: number;
  /** null while the detector has no verdict (a code seen for the first time). */
  upper: number | null;
  spike: boolean;
}

export interface SeriesResult {
  interval: keyof typeof INTERVAL_MINUTES;
  from: string;
  to: string;
  series: { code: number; points: SeriesPoint[] }[];
  spikes: { code: number; start: string; end: string; peak: number; expected: number }[];
}

const iso = (minute: number) => new Date(minute * 60_000).toISOString();
const round = (x: number) => Math.round(x * 100) / 100;

export async function codeSeries(
  sql: pg.Pool | pg.PoolClient,
  projectId: string,
  query: { codes?: number[]; from: Date; to: Date; interval: keyof typeof INTERVAL_MINUTES },
): Promise<SeriesResult> {
  const step = INTERVAL_MINUTES[query.interval];
  const fromMinute = Math.floor(query.from.getTime() / 60_000 / step) * step;
  const toMinute = Math.ceil(query.to.getTime() / 60_000 / step) * step;
  const historyStart = fromMinute - HISTORY_MINUTES;

  const codes =
    query.codes ??
    (
      await sql.query<{ code: number }>(
        `SELECT code FROM event_minute WHERE project_id = $1 AND minute >= $2 AND minute < $3
         GROUP BY code ORDER BY sum(count) DESC, code LIMIT ${DEFAULT_CODES}`,
        [projectId, iso(fromMinute), iso(toMinute)],
      )
    ).rows.map((r) => r.code);

  const { rows } = await sql.query<{ code: number; m: string; count: number }>(
    `SELECT code, (extract(epoch FROM minute) / 60)::bigint AS m, count FROM event_minute
     WHERE project_id = $1 AND code = ANY($2::int[]) AND minute >= $3 AND minute < $4`,
    [projectId, codes, iso(historyStart), iso(toMinute)],
  );
  const dense = new Map(codes.map((code) => [code, new Float64Array(toMinute - historyStart)]));
  for (const row of rows) dense.get(row.code)![Number(row.m) - historyStart] = row.count;

  const result: SeriesResult = {
    interval: query.interval,
    from: iso(fromMinute),
    to: iso(toMinute),
    series: [],
    spikes: [],
  };
  for (const code of codes) {
    const rolled = rollUp(detectSeries(dense.get(code)!, historyStart), step);
    const inRange = rolled.buckets.filter(
      (b) => b.startMinute >= fromMinute && b.startMinute < toMinute,
    );
    result.series.push({
      code,
      points: inRange.map((b) => ({
        t: iso(b.startMinute),
        count: b.count,
        expected: round(b.expected),
        upper: Number.isFinite(b.upper) ? round(b.upper) : null,
        spike: b.spike,
      })),
    });
    for (const interval of rolled.intervals) {
      const start = rolled.buckets[interval.startIndex]!.startMinute;
      const end = rolled.buckets[interval.endIndex]!.startMinute + step;
      if (end <= fromMinute || start >= toMinute) continue;
      result.spikes.push({
        code,
        start: iso(start),
        end: iso(end),
        peak: interval.peak,
        expected: round(interval.expected),
      });
    }
  }
  return result;
}
