/**
 * Where chart buckets come from (see lib/stats/series.ts): stored hourly verdicts plus the
 * minutes after the stored state for hourly and daily charts, minutes replayed from the midnight
 * checkpoint before the range for minute and 5-minute charts; raw events for a filtered slice.
 *
 * Counts never wait for the detector: a code without a stored detector yet (its first events
 * are minutes old, or the background loop is off) gets a fresh detector from its first minute,
 * judged on the spot, so its counts are in the chart from the first 2xx on.
 */
import {
  continueSeries,
  detectSeries,
  rollUpToBounds,
  spikeIntervals,
  SpikeDetector,
  type SeriesVerdicts,
} from "../detect";
import type { Sql } from "../db/sql";
import { currentSettings } from "../detection/advance";
import { restoreDetectors } from "../detection/cache";
import { hoursInRange } from "../detection/hour-cache";
import { hourTotals } from "../detection/hour-totals";
import { freshDetector, projectFirstMinute } from "../detection/new-codes";
import { latestCheckpoints, loadStates, type StoredState } from "../detection/repository";
import {
  denseMinuteCounts,
  filteredMinuteCounts,
  firstMinutes,
  type Filters,
} from "../telemetry/reads";
import { HourGrid, type CodeBuckets } from "./hour-grid";

/** The detector's seasonal profile looks back four weeks. */
const HISTORY_MINUTES = 28 * 1_440;

export interface Range {
  fromMinute: number;
  toMinute: number;
  /** Minutes per bucket: for `1d` in a time zone, the usual day (buckets follow `bounds`). */
  step: number;
  /** Where the buckets begin, and the end of the last: `n + 1` epoch minutes for `n` buckets. */
  bounds: number[];
  /** Minutes from here on have not happened yet. */
  nowEnd: number;
}

/**
 * Fresh detectors for the codes among `codes` that have events but no stored state, each from
 * the code's first minute (codes without events get none).
 */
async function freshDetectors(
  sql: Sql,
  projectId: string,
  codes: number[],
  states: Map<number, StoredState>,
): Promise<Map<number, SpikeDetector>> {
  const firsts = await firstMinutes(
    sql,
    projectId,
    codes.filter((code) => !states.has(code)),
  );
  const settings = currentSettings();
  const projectFirst = firsts.size > 0 ? await projectFirstMinute(sql, projectId) : undefined;
  return new Map(
    [...firsts].map(([code, first]) => [code, freshDetector(first, projectFirst, settings)]),
  );
}

/** Minutes before this were judged and stored for `code`; none for a code without a state. */
const settledEndOf = (states: Map<number, StoredState>, code: number) =>
  states.get(code)?.nextMinute ?? Number.NEGATIVE_INFINITY;

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
  const detectors = new Map([
    ...(tails.size > 0 ? await restoreDetectors(sql, projectId, tails) : []),
    ...(await freshDetectors(sql, projectId, codes, states)),
  ]);
  const behind = [...detectors].filter(([, d]) => d.nextMinute < tailEnd);
  if (behind.length > 0) {
    const tailFrom = Math.min(...behind.map(([, d]) => d.nextMinute));
    const counts = await denseMinuteCounts(
      sql,
      projectId,
      behind.map(([code]) => code),
      tailFrom,
      tailEnd,
    );
    for (const [code, detector] of behind) {
      const minutes = counts.get(code)!.subarray(detector.nextMinute - tailFrom);
      const verdicts = continueSeries(detector, minutes);
      const start = Math.max(0, range.fromMinute - verdicts.startMinute);
      for (const part of hourTotals(verdicts, start)) grids.get(code)!.add(part);
    }
  }
  return new Map(
    codes.map((code) => [
      code,
      { ...grids.get(code)!.bucketsBy(range.bounds), settledEnd: settledEndOf(states, code) },
    ]),
  );
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
  const replayFromStart = [...states].some(
    ([code, state]) => !(checkpoints.has(code) && state.startMinute < range.fromMinute),
  );
  const projectFirst = replayFromStart ? await projectFirstMinute(sql, projectId) : undefined;
  for (const [code, state] of states) {
    const checkpoint = checkpoints.get(code);
    // Without a checkpoint (a code younger than the range, or a range older than the kept
    // checkpoints) the detector replays from the code's first minute.
    detectors.set(
      code,
      checkpoint && state.startMinute < range.fromMinute
        ? SpikeDetector.restore(checkpoint)
        : freshDetector(state.startMinute, projectFirst, currentSettings()),
    );
  }
  for (const [code, detector] of await freshDetectors(sql, projectId, codes, states)) {
    detectors.set(code, detector);
  }
  const replayed = [...detectors].filter(([, d]) => d.nextMinute < replayEnd);
  const replayFrom = Math.min(replayEnd, ...replayed.map(([, d]) => d.nextMinute));
  const counts = await denseMinuteCounts(
    sql,
    projectId,
    replayed.map(([code]) => code),
    replayFrom,
    replayEnd,
  );
  const result = new Map<number, CodeBuckets>();
  for (const code of codes) {
    const detector = detectors.get(code);
    const verdicts =
      detector && detector.nextMinute < replayEnd
        ? continueSeries(detector, counts.get(code)!.subarray(detector.nextMinute - replayFrom))
        : undefined;
    result.set(code, minuteBuckets(verdicts, range, settledEndOf(states, code)));
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
  const dense = await filteredMinuteCounts(
    sql,
    projectId,
    codes,
    { from: historyStart, to: replayEnd },
    filtered.filters,
  );
  const settings = currentSettings();
  return new Map(
    codes.map((code) => [
      code,
      minuteBuckets(
        replayEnd > historyStart
          ? detectSeries(dense.get(code)!, historyStart, settings)
          : undefined,
        range,
        // A slice's verdicts are judged on the spot and never stored: all provisional.
        Number.NEGATIVE_INFINITY,
      ),
    ]),
  );
}

/** Minute verdicts rolled up to the range's buckets. */
function minuteBuckets(
  verdicts: SeriesVerdicts | undefined,
  range: Range,
  settledEnd: number,
): CodeBuckets {
  const rolled = rollUpToBounds(inRange(verdicts, range), range.bounds);
  return {
    settledEnd,
    count: Float64Array.from(rolled.buckets, (b) => b.count),
    expected: Float64Array.from(rolled.buckets, (b) => b.expected),
    upper: Float64Array.from(rolled.buckets, (b) => b.upper),
    spike: Uint8Array.from(rolled.buckets, (b) => (b.spike ? 1 : 0)),
    intervals: rolled.intervals,
  };
}

/**
 * The verdicts of the range's minutes; past minutes without one (not replayed) count zero, with no
 * verdict.
 */
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
  // Minutes yet to come take no part in a bucket's band: the current 5 minutes are judged as
  // far as they have gone (a bucket wholly in the future has no verdict, series.ts).
  for (let i = Math.max(0, range.nowEnd - range.fromMinute); i < n; i++) out.upper[i] = 0;
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
