/** Batch helpers over whole arrays, built on the same streaming detector the alert loop uses. */
import { SpikeDetector, type DetectorOptions } from "./detector";

export interface SpikeInterval {
  /** First and last spike minute (inclusive), as indices into the series. */
  startIndex: number;
  endIndex: number;
  /** Highest count in the interval, and the expected count at that minute. */
  peak: number;
  expected: number;
}

export interface SeriesVerdicts {
  startMinute: number;
  counts: Float64Array;
  expected: Float64Array;
  /** Infinity where there is no verdict yet (the first hour of a code there from its project's start). */
  upper: Float64Array;
  spike: Uint8Array;
  candidate: Uint8Array;
  warmingUp: Uint8Array;
  intervals: SpikeInterval[];
}

/** Spike minutes this close together belong to one interval (a dip inside a surge is no new spike). */
export const INTERVAL_MERGE_GAP = 3;

export function detectSeries(
  counts: ArrayLike<number>,
  startMinute: number,
  options: DetectorOptions = {},
): SeriesVerdicts {
  return continueSeries(new SpikeDetector(startMinute, options), counts);
}

/**
 * Feeds `counts` to a detector from the minute it has got to (e.g. one restored from a
 * checkpoint) and collects the verdicts; the detector is advanced in place.
 */
export function continueSeries(detector: SpikeDetector, counts: ArrayLike<number>): SeriesVerdicts {
  const n = counts.length;
  const out: SeriesVerdicts = {
    startMinute: detector.nextMinute,
    counts: new Float64Array(n),
    expected: new Float64Array(n),
    upper: new Float64Array(n),
    spike: new Uint8Array(n),
    candidate: new Uint8Array(n),
    warmingUp: new Uint8Array(n),
    intervals: [],
  };
  for (let i = 0; i < n; i++) {
    const v = detector.update(counts[i]!);
    out.counts[i] = v.count;
    out.expected[i] = v.expected;
    out.upper[i] = v.upper;
    out.spike[i] = v.spike ? 1 : 0;
    out.candidate[i] = v.candidate ? 1 : 0;
    out.warmingUp[i] = v.warmingUp ? 1 : 0;
  }
  out.intervals = spikeIntervals(out.spike, out.counts, out.expected);
  return out;
}

/** Group spike minutes into intervals, merging runs separated by ≤ `mergeGap` quiet minutes. */
export function spikeIntervals(
  spike: ArrayLike<number>,
  counts: ArrayLike<number>,
  expected: ArrayLike<number>,
  mergeGap = INTERVAL_MERGE_GAP,
): SpikeInterval[] {
  const intervals: SpikeInterval[] = [];
  let open: SpikeInterval | null = null;
  for (let i = 0; i < spike.length; i++) {
    if (!spike[i]) continue;
    if (open && i - open.endIndex - 1 <= mergeGap) {
      open.endIndex = i;
    } else {
      open = { startIndex: i, endIndex: i, peak: -1, expected: 0 };
      intervals.push(open);
    }
    if (counts[i]! > open.peak) {
      open.peak = counts[i]!;
      open.expected = expected[i]!;
    }
  }
  return intervals;
}
