/**
 * One code's hours of a chart range, column by column: filled from the stored hourly verdicts,
 * topped up with the minutes replayed after the stored state, then summed into the chart's
 * buckets (1 hour or 1 day). Typed arrays, because a month of every code is tens of thousands
 * of hours per request.
 */
import type { SpikeInterval } from "../detect";
import type { HourTotals } from "../detection/hour-totals";
import type { StoredHours } from "../detection/repository";

/** A code's buckets, column by column (`upper` Infinity = no verdict), with spike intervals. */
export interface CodeBuckets {
  /** Minutes before this (UTC minutes) were judged and stored; later ones were judged here. */
  settledEnd: number;
  count: Float64Array;
  expected: Float64Array;
  upper: Float64Array;
  spike: Uint8Array;
  /** As bucket indices. */
  intervals: SpikeInterval[];
}

export class HourGrid {
  private readonly count: Float64Array;
  private readonly expected: Float64Array;
  private readonly upper: Float64Array;
  private readonly spikeMinutes: Float64Array;
  private readonly peak: Float64Array;
  private readonly peakExpected: Float64Array;
  /** The hour has verdicts (stored or replayed); hours without any have none to show. */
  private readonly known: Uint8Array;

  constructor(
    private readonly fromMinute: number,
    private readonly hours: number,
  ) {
    this.count = new Float64Array(hours);
    this.expected = new Float64Array(hours);
    this.upper = new Float64Array(hours);
    this.spikeMinutes = new Float64Array(hours);
    this.peak = new Float64Array(hours).fill(-1);
    this.peakExpected = new Float64Array(hours);
    this.known = new Uint8Array(hours);
  }

  private indexOf(hourMinute: number): number {
    const i = (hourMinute - this.fromMinute) / 60;
    return Number.isInteger(i) && i >= 0 && i < this.hours ? i : -1;
  }

  setStored(stored: StoredHours): void {
    for (let r = 0; r < stored.hour.length; r++) {
      const i = this.indexOf(stored.hour[r]!);
      if (i < 0) continue;
      this.count[i] = stored.count[r]!;
      this.expected[i] = stored.expected[r]!;
      this.upper[i] = stored.upper[r] ?? Number.POSITIVE_INFINITY;
      this.spikeMinutes[i] = stored.spikeMinutes[r]!;
      this.peak[i] = stored.peak[r]!;
      this.peakExpected[i] = stored.peakExpected[r]!;
      this.known[i] = 1;
    }
  }

  /** Adds replayed minutes of one hour (an hour with stored minutes gets the rest added). */
  add(part: HourTotals): void {
    const i = this.indexOf(part.hour);
    if (i < 0) return;
    this.count[i]! += part.count;
    this.expected[i]! += part.expected;
    this.upper[i]! += part.upper;
    this.spikeMinutes[i]! += part.spikeMinutes;
    if (part.peak > this.peak[i]!) {
      this.peak[i] = part.peak;
      this.peakExpected[i] = part.peakExpected;
    }
    this.known[i] = 1;
  }

  /**
   * The hours grouped into buckets that begin at `bounds` (epoch minutes, hour-aligned, `n + 1`
   * boundaries for `n` buckets: uniform, or local days of a time zone); a bucket with an hour
   * without verdicts has none either. Consecutive buckets with spike minutes form one interval,
   * as rollUp merges them.
   */
  bucketsBy(bounds: number[]): Omit<CodeBuckets, "settledEnd"> {
    const n = bounds.length - 1;
    const out: Omit<CodeBuckets, "settledEnd"> = {
      count: new Float64Array(n),
      expected: new Float64Array(n),
      upper: new Float64Array(n),
      spike: new Uint8Array(n),
      intervals: [],
    };
    let i = Math.max(0, (bounds[0]! - this.fromMinute) / 60);
    for (let b = 0; b < n; b++) {
      let peak = -1;
      let peakExpected = 0;
      for (; i < this.hours && this.fromMinute + i * 60 < bounds[b + 1]!; i++) {
        out.count[b]! += this.count[i]!;
        out.expected[b]! += this.expected[i]!;
        out.upper[b]! += this.known[i] ? this.upper[i]! : Number.POSITIVE_INFINITY;
        if (this.spikeMinutes[i]! > 0) out.spike[b] = 1;
        if (this.peak[i]! > peak) {
          peak = this.peak[i]!;
          peakExpected = this.peakExpected[i]!;
        }
      }
      if (!out.spike[b]) continue;
      const last = out.intervals[out.intervals.length - 1];
      if (last && last.endIndex === b - 1) {
        last.endIndex = b;
        if (peak > last.peak) {
          last.peak = peak;
          last.expected = peakExpected;
        }
      } else {
        out.intervals.push({ startIndex: b, endIndex: b, peak, expected: peakExpected });
      }
    }
    return out;
  }
}
