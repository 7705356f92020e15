import { describe, expect, it } from "vitest";

import { nbTail, nbUpperCount } from "./negative-binomial";
import { rollUp } from "./rollup";
import { spikeIntervals, type SeriesVerdicts } from "./series";

describe("spike intervals", () => {
  it("merges spike minutes separated by up to 3 quiet minutes, with peak and its expected", () => {
    const spike = [0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
    const counts = [1, 9, 12, 2, 2, 2, 30, 1, 1, 1, 1, 8, 1];
    const expected = counts.map((_, i) => i / 10);
    expect(spikeIntervals(spike, counts, expected)).toEqual([
      { startIndex: 1, endIndex: 6, peak: 30, expected: 0.6 },
      { startIndex: 11, endIndex: 11, peak: 8, expected: 1.1 },
    ]);
  });
});

function verdicts(startMinute: number, n: number, spikeAt: number[]): SeriesVerdicts {
  const spike = new Uint8Array(n);
  for (const i of spikeAt) spike[i] = 1;
  const counts = Float64Array.from({ length: n }, (_, i) => (spike[i] ? 50 : 2));
  const expected = new Float64Array(n).fill(1.5);
  return {
    startMinute,
    counts,
    expected,
    upper: new Float64Array(n).fill(8),
    spike,
    candidate: spike.slice(),
    warmingUp: new Uint8Array(n),
    intervals: spikeIntervals(spike, counts, expected),
  };
}

describe("rolling minutes up into coarser buckets", () => {
  // 2026-01-05 10:57 UTC: three minutes before an hour boundary.
  const start = Date.UTC(2026, 0, 5, 10, 57) / 60_000;

  it("aligns buckets to UTC, sums counts, expected and upper, and marks any spike minute", () => {
    const series = verdicts(start, 120, [10, 11]);
    const hourly = rollUp(series, 60);
    expect(hourly.buckets.map((b) => new Date(b.startMinute * 60_000).toISOString())).toEqual([
      "2026-01-05T10:00:00.000Z",
      "2026-01-05T11:00:00.000Z",
      "2026-01-05T12:00:00.000Z",
    ]);
    expect(hourly.buckets.map((b) => b.count)).toEqual([6, 2 * 58 + 100, 2 * 57]);
    expect(hourly.buckets[1]!.expected).toBeCloseTo(1.5 * 60);
    expect(hourly.buckets[1]!.upper).toBe(8 * 60);
    expect(hourly.buckets.map((b) => b.spike)).toEqual([false, true, false]);
    expect(hourly.intervals).toEqual([{ startIndex: 1, endIndex: 1, peak: 50, expected: 1.5 }]);
  });

  it("is consistent between intervals: 5-minute buckets add up to the hourly ones", () => {
    const series = verdicts(start, 600, [100, 101, 102, 400]);
    const fine = rollUp(series, 5);
    const coarse = rollUp(series, 60);
    for (const hour of coarse.buckets) {
      const inside = fine.buckets.filter(
        (b) => b.startMinute >= hour.startMinute && b.startMinute < hour.startMinute + 60,
      );
      expect(inside.reduce((a, b) => a + b.count, 0)).toBe(hour.count);
      expect(inside.reduce((a, b) => a + b.expected, 0)).toBeCloseTo(hour.expected);
      expect(inside.some((b) => b.spike)).toBe(hour.spike);
    }
    expect(rollUp(series, 1440).buckets).toHaveLength(1);
    expect(() => rollUp(series, 0)).toThrow(RangeError);
  });
});

describe("negative binomial tails", () => {
  it("matches the Poisson distribution when there is no overdispersion", () => {
    expect(nbTail(4, 0.1, 0)).toBeCloseTo(3.847e-6, 8);
    expect(nbTail(60, 50, 0)).toBeCloseTo(0.0923, 3);
    expect(nbUpperCount(0.1, 0, 1e-4)).toBe(4);
  });

  it("has heavier tails with overdispersion, and thresholds that err high", () => {
    expect(nbTail(200, 50, 0.1)).toBeGreaterThan(nbTail(200, 50, 0));
    const x = nbUpperCount(50, 0.1, 1e-6);
    expect(nbTail(x, 50, 0.1)).toBeLessThanOrEqual(1e-6);
    expect(nbTail(x - 3, 50, 0.1)).toBeGreaterThan(1e-6);
  });
});
