/**
 * Roll per-minute verdicts up into coarser, UTC-aligned buckets (5m, 1h, 1d) for charts, so every
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
  const n = series.counts.length;
  const buckets: Bucket[] = [];
  const firstBucket = Math.floor(series.startMinute / bucketMinutes) * bucketMinutes;
  const bucketOf = (i: number) =>
    Math.floor((series.startMinute + i - firstBucket) / bucketMinutes);
  for (let i = 0; i < n; i++) {
    const b = bucketOf(i);
    let bucket = buckets[b];
    if (!bucket) {
      bucket = {
        startMinute: firstBucket + b * bucketMinutes,
        count: 0,
        expected: 0,
        upper: 0,
        spike: false,
        warmingUp: false,
      };
      buckets[b] = bucket;
    }
    bucket.count += series.counts[i]!;
    bucket.expected += series.expected[i]!;
    bucket.upper += series.upper[i]!;
    bucket.spike ||= series.spike[i] === 1;
    bucket.warmingUp ||= series.warmingUp[i] === 1;
  }
  const intervals: SpikeInterval[] = [];
  for (const interval of series.intervals) {
    const startIndex = bucketOf(interval.startIndex);
    const endIndex = bucketOf(interval.endIndex);
    const last = intervals[intervals.length - 1];
    if (last && startIndex <= last.endIndex + 1) {
      last.endIndex = Math.max(last.endIndex, endIndex);
      if (interval.peak > last.peak) {
        last.peak = interval.peak;
        last.expected = interval.expected;
      }
    } else {
      intervals.push({ ...interval, startIndex, endIndex });
    }
  }
  return { bucketMinutes, buckets, intervals };
}
