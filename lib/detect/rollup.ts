/**
 * Roll per-minute verdicts up into coarser buckets (UTC-aligned 5m, 1h, 1d, or the local days of
 * a time zone) for charts, so every
 * interval tells the same story: counts and expected values add up, a bucket is a spike when any
 * of its minutes is, and `upper` is the sum of the minutes' thresholds (a bucket above it must
 * contain an anomalous minute).
 */
import type { SeriesVerdicts, SpikeInterval } from "./series";

export interface Bucket {
  /** UTC minute the bucket starts at (a multiple of the bucket size). */
  startMinute: number;
  count: number;
  expected: number;
  upper: number;
  spike: boolean;
  warmingUp: boolean;
}

export interface RolledSeries {
  bucketMinutes: number;
  buckets: Bucket[];
  /** Spike intervals as bucket indices, with peak/expected taken from the minutes. */
  intervals: SpikeInterval[];
}

export function rollUp(series: SeriesVerdicts, bucketMinutes: number): RolledSeries {
  if (!Number.isInteger(bucketMinutes) || bucketMinutes < 1) {
    throw new RangeError("bucketMinutes must be a positive integer");
  }
  const firstBucket = Math.floor(series.startMinute / bucketMinutes) * bucketMinutes;
  return rollUpBy(series, bucketMinutes, (minute) => {
    const b = Math.floor((minute - firstBucket) / bucketMinutes);
    return { index: b, startMinute: firstBucket + b * bucketMinutes };
  });
}

/**
 * The same, into buckets that begin at `bounds` (epoch minutes, ascending, `n + 1` boundaries
 * for `n` buckets), e.g. the local days of a time zone (23 to 25 hours). Minutes outside
 * [bounds[0], bounds[n]) are left out; every bucket is present, zeros included.
 */
export function rollUpToBounds(series: SeriesVerdicts, bounds: number[]): RolledSeries {
  const rolled = rollUpBy(series, bounds[1]! - bounds[0]!, (minute) => {
    if (minute < bounds[0]! || minute >= bounds.at(-1)!) return undefined;
    // Binary search: the last boundary at or before the minute.
    let lo = 0;
    let hi = bounds.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bounds[mid]! <= minute) lo = mid;
      else hi = mid - 1;
    }
    return { index: lo, startMinute: bounds[lo]! };
  });
  for (let b = 0; b < bounds.length - 1; b++) {
    rolled.buckets[b] ??= emptyBucket(bounds[b]!);
  }
  return rolled;
}

function emptyBucket(startMinute: number): Bucket {
  return { startMinute, count: 0, expected: 0, upper: 0, spike: false, warmingUp: false };
}

function rollUpBy(
  series: SeriesVerdicts,
  bucketMinutes: number,
  bucketOf: (minute: number) => { index: number; startMinute: number } | undefined,
): RolledSeries {
  const n = series.counts.length;
  const buckets: Bucket[] = [];
  for (let i = 0; i < n; i++) {
    const at = bucketOf(series.startMinute + i);
    if (!at) continue;
    const bucket = (buckets[at.index] ??= emptyBucket(at.startMinute));
    bucket.count += series.counts[i]!;
    bucket.expected += series.expected[i]!;
    bucket.upper += series.upper[i]!;
    bucket.spike ||= series.spike[i] === 1;
    bucket.warmingUp ||= series.warmingUp[i] === 1;
  }
  const intervals: SpikeInterval[] = [];
  for (const interval of series.intervals) {
    const start = bucketOf(series.startMinute + interval.startIndex);
    const end = bucketOf(series.startMinute + interval.endIndex);
    if (!start || !end) continue;
    const last = intervals[intervals.length - 1];
    if (last && start.index <= last.endIndex + 1) {
      last.endIndex = Math.max(last.endIndex, end.index);
      if (interval.peak > last.peak) {
        last.peak = interval.peak;
        last.expected = interval.expected;
      }
    } else {
      intervals.push({ ...interval, startIndex: start.index, endIndex: end.index });
    }
  }
  return { bucketMinutes, buckets, intervals };
}
