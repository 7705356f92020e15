import { describe, expect, it } from "vitest";

import { mulberry32 } from "../random";

import { MINUTES_PER_WEEK, SpikeDetector, type DetectorSnapshot } from "./detector";
import { detectSeries } from "./series";

/** Monday 2026-01-05 00:00 UTC in minutes. */
const START = Date.UTC(2026, 0, 5) / 60_000;
const WEEK = MINUTES_PER_WEEK;
const DAY = 1_440;

function poisson(rng: () => number, lambda: number): number {
  // Sum of Poisson(≤ 10) pieces by inversion: exact and plenty fast for these sizes.
  let total = 0;
  for (let left = lambda; left > 0; left -= 10) {
    const l = Math.min(10, left);
    let k = 0;
    let p = Math.exp(-l);
    let cdf = p;
    const u = rng();
    while (u > cdf) {
      k++;
      p *= l / k;
      cdf += p;
    }
    total += k;
  }
  return total;
}

/** Daily rhythm (trough at 04:00 UTC, 30% of peak) and quieter weekends. */
function rhythm(minute: number): number {
  const day = Math.floor(minute / DAY) % 7;
  const hour = (minute % DAY) / 60;
  const daily = 0.3 + 0.7 * 0.5 * (1 - Math.cos((2 * Math.PI * (hour - 4)) / 24));
  return daily * (day >= 5 ? 0.75 : 1);
}

/** Poisson counts around peak × rhythm × multiplier(i), for `weeks` weeks. */
function makeSeries(
  peak: number,
  weeks: number,
  seed: number,
  multiplier: (i: number) => number = () => 1,
): Float64Array {
  const rng = mulberry32(seed);
  const counts = new Float64Array(weeks * WEEK);
  for (let i = 0; i < counts.length; i++) {
    counts[i] = poisson(rng, peak * rhythm(i) * multiplier(i));
  }
  return counts;
}

const SCORED = 4 * WEEK; // four weeks of history, then the minutes under test
const spikesFrom = (spike: Uint8Array, from: number) =>
  spike.subarray(from).reduce((a, b) => a + b, 0);

describe("the spike detector", () => {
  it("stays quiet through normal daily and weekly swings", () => {
    const counts = makeSeries(40, 5, 1);
    const result = detectSeries(counts, START);
    expect(spikesFrom(result.spike, WEEK)).toBe(0);
    // The baseline follows the rhythm: a busy afternoon expects far more than the night.
    const afternoon = SCORED + 16 * 60;
    const night = SCORED + 4 * 60;
    expect(result.expected[afternoon]! / result.expected[night]!).toBeGreaterThan(2.5);
    expect(result.expected[afternoon]).toBeGreaterThan(32);
    expect(result.expected[afternoon]).toBeLessThan(48);
  });

  it("stays quiet through slow growth to ×3 over 24 hours", () => {
    const counts = makeSeries(20, 5, 2, (i) => 1 + 2 * Math.min(1, Math.max(0, i - SCORED) / DAY));
    expect(detectSeries(counts, START).intervals).toEqual([]);
  });

  it("stays quiet through a benign ×2 of all traffic for 6 hours with a 45-minute onset", () => {
    const from = SCORED + 2 * DAY + 9 * 60;
    const counts = makeSeries(20, 5, 3, (i) => {
      const k = i - from;
      if (k < 0 || k >= 360) return 1;
      return 1 + Math.min(1, (k + 1) / 45, (360 - k) / 45);
    });
    expect(detectSeries(counts, START).intervals).toEqual([]);
  });

  it("flags a one-minute burst as an anomalous minute but not as a spike", () => {
    const at = SCORED + 3 * DAY + 14 * 60;
    const counts = makeSeries(10, 5, 4);
    counts[at] = 400;
    const result = detectSeries(counts, START);
    expect(result.candidate[at]).toBe(1);
    expect(result.intervals).toEqual([]);
  });

  it("stays quiet on a code with 0-3 events a minute, from its very first minute", () => {
    const rng = mulberry32(5);
    const counts = Float64Array.from({ length: 5 * WEEK }, () => Math.floor(rng() * 4));
    expect(detectSeries(counts, START).intervals).toEqual([]);
  });

  it("catches a certificate-expiry surge (×50 after a 2-minute ramp) within 3 minutes", () => {
    const from = SCORED + 2 * DAY + 10 * 60 + 17;
    const counts = makeSeries(20, 5, 6, (i) => {
      const k = i - from;
      if (k < 0 || k >= 60) return 1;
      return k < 2 ? (50 * (k + 1)) / 3 : 50;
    });
    const result = detectSeries(counts, START);
    expect(result.intervals).toHaveLength(1);
    const [interval] = result.intervals;
    expect(interval!.startIndex - from).toBeGreaterThanOrEqual(0);
    expect(interval!.startIndex - from).toBeLessThan(3);
    expect(interval!.endIndex - from).toBeGreaterThanOrEqual(58);
    expect(interval!.peak).toBeGreaterThan(interval!.expected * 20);
  });

  it("catches a surge to 30 a minute on a code that is usually near zero within 3 minutes", () => {
    const from = SCORED + 4 * DAY + 3 * 60;
    const quiet = makeSeries(0.2, 5, 7);
    const counts = quiet.map((c, i) => (i >= from && i < from + 20 ? c + 30 : c));
    const result = detectSeries(counts, START);
    expect(result.intervals).toHaveLength(1);
    expect(result.intervals[0]!.startIndex - from).toBeLessThan(3);
    expect(result.spike[from + 10]).toBe(1);
  });

  it("says it is warming up with less than a week of history, and is conservative meanwhile", () => {
    const counts = makeSeries(20, 3, 8, (i) => {
      // The same ×6 surge on day 3 (warming up) and in week 3 (with history).
      const inDay3 = i >= 2 * DAY + 14 * 60 && i < 2 * DAY + 14 * 60 + 30;
      const inWeek3 = i >= 2 * WEEK + 2 * DAY + 14 * 60 && i < 2 * WEEK + 2 * DAY + 14 * 60 + 30;
      return inDay3 || inWeek3 ? 6 : 1;
    });
    const result = detectSeries(counts, START);
    // No verdict at all in the first hour.
    expect(result.upper[0]).toBe(Number.POSITIVE_INFINITY);
    expect(result.upper[59]).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(result.upper[60]!)).toBe(true);
    expect(result.warmingUp[WEEK - 60]).toBe(1);
    expect(result.warmingUp[WEEK + 1]).toBe(0);
    expect(spikesFrom(result.spike.subarray(0, WEEK), 0)).toBe(0);
    expect(result.spike[2 * WEEK + 2 * DAY + 14 * 60 + 10]).toBe(1);

    // A certificate-expiry-sized surge is still caught while warming up.
    const certAt = 3 * DAY + 11 * 60;
    const early = makeSeries(20, 1, 8, (i) => (i >= certAt && i < certAt + 30 ? 50 : 1));
    const warm = detectSeries(early, START);
    expect(warm.warmingUp[certAt]).toBe(1);
    expect(warm.intervals).toHaveLength(1);
    expect(warm.intervals[0]!.startIndex - certAt).toBeLessThan(3);
  });

  it("flags more with sensitivity high and less with sensitivity low", () => {
    const from = SCORED + DAY + 15 * 60;
    const counts = makeSeries(20, 5, 9, (i) => (i >= from && i < from + 30 ? 3.5 : 1));
    const spikes = (sensitivity: "low" | "medium" | "high") =>
      detectSeries(counts, START, { sensitivity }).spike[from + 15];
    expect(spikes("high")).toBe(1);
    expect(spikes("medium")).toBe(0);

    const bigger = makeSeries(20, 5, 9, (i) => (i >= from && i < from + 30 ? 5 : 1));
    expect(detectSeries(bigger, START, { sensitivity: "medium" }).spike[from + 15]).toBe(1);
    expect(detectSeries(bigger, START, { sensitivity: "low" }).spike[from + 15]).toBe(0);
  });

  it("absorbs a permanent level shift after a few hours instead of alarming forever", () => {
    const from = SCORED + DAY;
    const counts = makeSeries(10, 5, 10, (i) => (i >= from ? 6 : 1));
    const result = detectSeries(counts, START);
    expect(result.spike[from + 30]).toBe(1);
    expect(spikesFrom(result.spike, from + DAY)).toBe(0);
  });

  it("never looks ahead: a prefix gets exactly the verdicts the whole series gives it", () => {
    const from = SCORED + 2 * DAY + 600;
    const counts = makeSeries(5, 5, 11, (i) => (i >= from && i < from + 40 ? 40 : 1));
    const whole = detectSeries(counts, START);
    for (const cut of [WEEK - 7, 2 * WEEK + 333, from + 1, from + 20]) {
      const prefix = detectSeries(counts.subarray(0, cut), START);
      expect(prefix.expected).toEqual(whole.expected.subarray(0, cut));
      expect(prefix.upper).toEqual(whole.upper.subarray(0, cut));
      expect(prefix.spike).toEqual(whole.spike.subarray(0, cut));
      expect(prefix.warmingUp).toEqual(whole.warmingUp.subarray(0, cut));
    }
    // The future does not matter either: changing later minutes leaves earlier verdicts alone.
    const altered = counts.slice();
    altered.fill(0, from + 20);
    expect(detectSeries(altered, START).spike.subarray(0, from + 20)).toEqual(
      whole.spike.subarray(0, from + 20),
    );
  });

  it("gives the same verdicts minute by minute as in batch, and clones independently", () => {
    const counts = makeSeries(3, 2, 12, (i) => (i >= WEEK + 500 && i < WEEK + 530 ? 20 : 1));
    const batch = detectSeries(counts, START);
    const live = new SpikeDetector(START);
    let branch: SpikeDetector | null = null;
    counts.forEach((count, i) => {
      if (i === WEEK + 400) branch = live.clone();
      const verdict = live.update(count);
      expect(verdict.minute).toBe(START + i);
      expect(verdict.expected).toBe(batch.expected[i]);
      expect(verdict.spike).toBe(batch.spike[i] === 1);
    });
    const fromBranch = branch!.update(counts[WEEK + 400]!);
    expect(fromBranch.expected).toBe(batch.expected[WEEK + 400]);
  });

  it("resumes from a JSON snapshot with exactly the verdicts it would have given", () => {
    const counts = makeSeries(3, 2, 13, (i) => (i >= WEEK + 900 && i < WEEK + 930 ? 25 : 1));
    const batch = detectSeries(counts, START);
    const first = new SpikeDetector(START);
    const cut = WEEK + 890;
    for (let i = 0; i < cut; i++) first.update(counts[i]!);
    const resumed = SpikeDetector.restore(JSON.parse(JSON.stringify(first.snapshot())));
    for (let i = cut; i < counts.length; i++) {
      const verdict = resumed.update(counts[i]!);
      expect(verdict.expected).toBe(batch.expected[i]);
      expect(verdict.spike).toBe(batch.spike[i] === 1);
    }
    expect(resumed.length).toBe(counts.length);
  });

  it("restores a snapshot stored before the long window and clipped residuals as it ran", () => {
    const counts = makeSeries(3, 2, 13, (i) => (i >= WEEK + 900 && i < WEEK + 930 ? 25 : 1));
    const before = {
      dispersionClip: 0,
      gateMassMinutes: 0,
      gateMassRatio: 2,
      gateSplitMidnight: false,
    };
    const batch = detectSeries(counts, START, before);
    const old = new SpikeDetector(START, before);
    const cut = WEEK + 890;
    for (let i = 0; i < cut; i++) old.update(counts[i]!);
    const stored = JSON.parse(JSON.stringify(old.snapshot())) as DetectorSnapshot;
    for (const key of Object.keys(before))
      delete (stored.settings as unknown as Record<string, unknown>)[key];
    const resumed = SpikeDetector.restore(stored);
    expect(resumed.settings).toMatchObject(before);
    for (let i = cut; i < counts.length; i++) {
      expect(resumed.update(counts[i]!).spike).toBe(batch.spike[i] === 1);
    }
  });

  it("rejects settings that cannot work", () => {
    expect(() => new SpikeDetector(START, { persistNeed: 4, persistWindow: 3 })).toThrow(
      RangeError,
    );
    expect(() => new SpikeDetector(START + 0.5)).toThrow(RangeError);
    expect(() => new SpikeDetector(START, { gateMassMinutes: 1 })).toThrow(RangeError);
    expect(() => new SpikeDetector(START, { dispersionClip: -1 })).toThrow(RangeError);
  });
});
