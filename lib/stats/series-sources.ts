/**
 * Where chart buckets come from (see lib/stats/series.ts): stored hourly verdicts plus the
 * minutes after the stored state for hourly and daily charts, minutes replayed from the midnight
 * checkpoint before the range for minute and 5-minute charts; raw events for a filtered slice.
 */
import {
  continueSeries,
  detectSeries,
  rollUp,
  spikeIntervals,
  SpikeDetector,
  type SeriesVerdicts,
} from "../detect";
import { currentSettings } from "../detection/advance";
import { restoreDetectors } from "../detection/cache";
import { hoursInRange } from "../detection/hour-cache";
import { hourTotals } from "../detection/hour-totals";
import { latestCheckpoints, loadStates, minuteCounts, type Sql } from "../detection/repository";
import { filterSql, type Filters } from "./filters";
import { HourGrid, type CodeBuckets } from "./hour-grid";

/** The detector's seasonal profile looks back four weeks. */
const HISTORY_MINUTES = 28 * 1_440;

export interface Range {
  fromMinute: number;
  toMinute: number;
  step: number;
  /** Minutes from here on have not happened yet. */
  nowEnd: number;
}

/** Stored hourly verdicts, plus the minutes after the stored state replayed on the spot. */
export async function fromStoredHours(
  sql: Sql,
  projectId: string,
  codes: number[],
  range: Range,
): Promise<Map<number, CodeBuckets>> {
  const hours = (range.toMinute - range.fromMinute) / 60;
  const grids = new Map(codes.map((code) => [code, new HourGrid(range.fromMinute, hours)]));
  const states = await loadStates(sql, projectId, codes);
  const stored = await hoursInRange(sql, projectId, states, range.fromMinute, range.toMinute);
  for (const [code, parts] of stored) for (const part of parts) grids.get(code)!.setStored(part);
  const tailEnd = Math.min(range.toMinute, range.nowEnd);
  const tails = new Map([...states].filter(([, s]) => s.nextMinute < tailEnd));
  if (tails.size > 0) {
    const detectors = await restoreDetectors(sql, projectId, tails);
    const tailFrom = Math.min(...[...tails.values()].map((s) => s.nextMinute));
    const counts = await denseCounts(sql, projectId, [...tails], tailFrom, tailEnd);
    for (const [code, state] of tails) {
      const detector = detectors.get(code)!;
      const minutes = counts.get(code)!.subarray(state.nextMinute - tailFrom);
      const verdicts = continueSeries(detector, minutes);
      const start = Math.max(0, range.fromMinute - verdicts.startMinute);
      for (const part of hourTotals(verdicts, start)) grids.get(code)!.add(part);
    }
  }
  return new Map(codes.map((code) => [code, grids.get(code)!.buckets(range.step / 60)]));
}

/** Minute verdicts replayed from the checkpoint before the range, rolled up to the step. */
export async function fromReplayedMinutes(
  sql: Sql,
  projectId: string,
  codes: number[],
  range: Range,
): Promise<Map<number, CodeBuckets>> {
  const replayEnd = Math.min(range.toMinute, range.nowEnd);
  const states = await loadStates(sql, projectId, codes);
  const checkpoints = await latestCheckpoints(sql, projectId, codes, range.fromMinute);
  const detectors = new Map<number, SpikeDetector>();
  for (const [code, state] of states) {
    const checkpoint = checkpoints.get(code);
    // Without a checkpoint (a code younger than the range, or a range older than the kept
    // checkpoints) the detector replays from the code's first minute.
    detectors.set(
      code,
      checkpoint && state.startMinute < range.fromMinute
        ? SpikeDetector.restore(checkpoint)
        : new SpikeDetector(state.startMinute, currentSettings()),
    );
  }
  const replayed = [...detectors].filter(([, d]) => d.nextMinute < replayEnd);
  const replayFrom = Math.min(replayEnd, ...replayed.map(([, d]) => d.nextMinute));
  const counts = await denseCounts(sql, projectId, replayed, replayFrom, replayEnd);
  const result = new Map<number, CodeBuckets>();
  for (const code of codes) {
    const detector = detectors.get(code);
    const verdicts =
      detector && detector.nextMinute < replayEnd
        ? continueSeries(detector, counts.get(code)!.subarray(detector.nextMinute - replayFrom))
        : undefined;
    result.set(code, minuteBuckets(verdicts, range));
  }
  return result;
}

/**
 * A filtered slice (lib/stats/filters.ts): its per-minute counts from the raw events, judged by
 * a detector run on the spot over the slice's own history (as much of four weeks as the raw
 * window holds). Not stored: a slice has no detector of its own.
 */
export async function fromFilteredEvents(
  sql: Sql,
  projectId: string,
  codes: number[],
  range: Range,
  filtered: { filters: Filters; rawDays: number; nowMs: number },
): Promise<Map<number, CodeBuckets>> {
  const windowStart = Math.ceil((filtered.nowMs - filtered.rawDays * 86_400_000) / 60_000);
  const historyStart = Math.max(windowStart, range.fromMinute - HISTORY_MINUTES);
  const replayEnd = Math.min(range.toMinute, range.nowEnd);
  const dense = new Map(
    codes.map((c) => [c, new Float64Array(Math.max(0, replayEnd - historyStart))]),
  );
  const params: unknown[] = [projectId, codes, historyStart, replayEnd];
  const { rows } = await sql.query<{ code: number; m: number; n: number }>(
    `SELECT code, (extract(epoch FROM date_trunc('minute', occurred_at)) / 60)::int AS m,
            count(*)::int AS n
     FROM event WHERE project_id = $1 AND code = ANY($2::int[])
       AND occurred_at >= to_timestamp($3::bigint * 60)
       AND occurred_at < to_timestamp($4::bigint * 60)${filterSql(filtered.filters, params)}
     GROUP BY 1, 2`,
    params,
  );
  for (const row of rows) dense.get(row.code)![row.m - historyStart] = row.n;
  const settings = currentSettings();
  return new Map(
    codes.map((code) => [
      code,
      minuteBuckets(
        replayEnd > historyStart
          ? detectSeries(dense.get(code)!, historyStart, settings)
          : undefined,
        range,
      ),
    ]),
  );
}

/** Minute verdicts rolled up to the range's buckets. */
function minuteBuckets(verdicts: SeriesVerdicts | undefined, range: Range): CodeBuckets {
  const rolled = rollUp(inRange(verdicts, range), range.step);
  return {
    count: Float64Array.from(rolled.buckets, (b) => b.count),
    expected: Float64Array.from(rolled.buckets, (b) => b.expected),
    upper: Float64Array.from(rolled.buckets, (b) => b.upper),
    spike: Uint8Array.from(rolled.buckets, (b) => (b.spike ? 1 : 0)),
    intervals: rolled.intervals,
  };
}

/** The verdicts of the range's minutes; minutes without one (not replayed) count zero, no verdict. */
function inRange(verdicts: SeriesVerdicts | undefined, range: Range): SeriesVerdicts {
  const n = range.toMinute - range.fromMinute;
  const out: SeriesVerdicts = {
    startMinute: range.fromMinute,
    counts: new Float64Array(n),
    expected: new Float64Array(n),
    upper: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
    spike: new Uint8Array(n),
    candidate: new Uint8Array(n),
    warmingUp: new Uint8Array(n),
    intervals: [],
  };
  if (verdicts) {
    const offset = range.fromMinute - verdicts.startMinute;
    for (let i = Math.max(0, -offset); i < n && i + offset < verdicts.counts.length; i++) {
      out.counts[i] = verdicts.counts[i + offset]!;
      out.expected[i] = verdicts.expected[i + offset]!;
      out.upper[i] = verdicts.upper[i + offset]!;
      out.spike[i] = verdicts.spike[i + offset]!;
    }
  }
  out.intervals = spikeIntervals(out.spike, out.counts, out.expected);
  return out;
}

/** Per-minute counts of each code in [from, to), zeros included. */
async function denseCounts(
  sql: Sql,
  projectId: string,
  codes: [number, unknown][],
  from: number,
  to: number,
): Promise<Map<number, Float64Array>> {
  const dense = new Map(codes.map(([code]) => [code, new Float64Array(Math.max(0, to - from))]));
  if (to > from) {
    for (const row of await minuteCounts(sql, projectId, [...dense.keys()], from, to)) {
      dense.get(row.code)![row.m - from] = row.count;
    }
  }
  return dense;
}
