/**
 * The detector on the shapes real count series have and synthetic noise lacks (issue: the
 * detector on real data): bursts that recur, surges that decay over hours, codes that appear
 * from nowhere. Hand-made series, seeded; and one real series that had false alerts (CVS).
 */
import { describe, expect, it } from "vitest";

import { loadSeries } from "../../bench/detector-real/dataset";
import { scoreFile } from "../../bench/detector-real/harness";
import { mulberry32 } from "../random";

import { SpikeDetector, type DetectorOptions } from "./detector";
import { continueSeries, detectSeries } from "./series";

/** Monday 2026-01-05 00:00 UTC in minutes. */
const START = Date.UTC(2026, 0, 5) / 60_000;
const DAY = 1_440;
const WEEK = 7 * DAY;

/** Poisson counts with mean `rate(i)` per minute (inversion in pieces of ≤ 10: exact). */
function poissonSeries(minutes: number, seed: number, rate: (i: number) => number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: minutes }, (_, i) => {
    let total = 0;
    for (let left = rate(i); left > 0; left -= 10) {
      const lambda = Math.min(10, left);
      let k = 0;
      let p = Math.exp(-lambda);
      let cdf = p;
      const u = rng();
      while (u > cdf) {
        k++;
        p *= lambda / k;
        cdf += p;
      }
      total += k;
    }
    return total;
  });
}

const flaggedIn = (spike: Uint8Array, from: number, minutes: number) =>
  spike.subarray(from, from + minutes).some((s) => s === 1);

describe("the detector on real-world shapes", () => {
  it("judges a code that bursts every day against its bursts, and still flags a far larger one", () => {
    // 5 a minute for two weeks, then +60 a minute for 30 minutes once a day at a different hour.
    const burstAt = (day: number) => day * DAY + ((day * 7) % 20) * 60 + 13;
    const bigDay = 21;
    const counts = poissonSeries(4 * WEEK, 1, (i) => {
      const day = Math.floor(i / DAY);
      const k = i - burstAt(day);
      if (day < 14 || k < 0 || k >= 30) return 5;
      return day === bigDay ? 5 + 300 : 5 + 60;
    });
    const { spike } = detectSeries(counts, START);
    // The first two days of bursts are news; from the third on they are this code's ordinary.
    expect(flaggedIn(spike, burstAt(14), 30)).toBe(true);
    expect(flaggedIn(spike, burstAt(15), 30)).toBe(true);
    for (const day of [16, 17, 18, 19, 20, 22, 23]) {
      expect(flaggedIn(spike, burstAt(day), 30), `day ${day}`).toBe(false);
    }
    // Five times the ordinary burst is caught within 3 minutes.
    const big = spike.subarray(burstAt(bigDay), burstAt(bigDay) + 30).indexOf(1);
    expect(big).toBeGreaterThanOrEqual(0);
    expect(big).toBeLessThan(3);
  });

  it("does not let one past incident hide the next one of the same size", () => {
    const incidents = [WEEK + DAY + 600, WEEK + 5 * DAY + 900];
    const counts = poissonSeries(2 * WEEK, 2, (i) =>
      incidents.some((at) => i >= at && i < at + 60) ? 150 : 5,
    );
    const { spike } = detectSeries(counts, START);
    for (const at of incidents) {
      const first = spike.subarray(at, at + 60).indexOf(1);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThan(3);
    }
  });

  it("remembers a rare code's bursts for four weeks, not two", () => {
    // 0.1 a minute; a burst of 3 a minute for 20 minutes on days 8 and 9, the same 18 days
    // later, then one five times as large.
    const burstAt = (day: number) => day * DAY + ((day * 5) % 17) * 60 + 7;
    const bursts = new Map([
      [8, 3],
      [9, 3],
      [26, 3],
      [31, 15],
    ]);
    const counts = poissonSeries(5 * WEEK, 11, (i) => {
      const day = Math.floor(i / DAY);
      const k = i - burstAt(day);
      return k >= 0 && k < 20 ? 0.1 + (bursts.get(day) ?? 0) : 0.1;
    });
    const { spike } = detectSeries(counts, START);
    // The first two days are news; 18 days later the same size is this code's ordinary...
    expect(flaggedIn(spike, burstAt(8), 20)).toBe(true);
    expect(flaggedIn(spike, burstAt(9), 20)).toBe(true);
    expect(flaggedIn(spike, burstAt(26), 20)).toBe(false);
    // ...as it was not with two weeks of memory (the real CVS series' false alerts).
    const twoWeeks = detectSeries(counts, START, { gateDays: 14 }).spike;
    expect(flaggedIn(twoWeeks, burstAt(26), 20)).toBe(true);
    // Five times that size is still caught within 3 minutes.
    const big = spike.subarray(burstAt(31), burstAt(31) + 20).indexOf(1);
    expect(big).toBeGreaterThanOrEqual(0);
    expect(big).toBeLessThan(3);
  });

  it("stays quiet on the real CVS series' bursts outside its labelled window", () => {
    // The two false alerts the tuning files had with two weeks of memory: bursts of 13-17
    // events in 5 minutes on a code near zero, 14-17 days after its labelled episode.
    const cvs = loadSeries("Twitter_volume_CVS.csv");
    for (const score of scoreFile(cvs, [1, 2, 3], {})) expect(score.falseAlerts).toBe(0);
    for (const score of scoreFile(cvs, [1, 2, 3], { gateDays: 14 })) {
      expect(score.falseAlerts).toBe(2);
    }
  });

  it("keeps a news-like surge that decays over hours as one interval, not many", () => {
    // ×31 at once, halving every 45 minutes, on 4 a minute.
    const from = 4 * WEEK + 2 * DAY + 600;
    const counts = poissonSeries(5 * WEEK, 3, (i) =>
      i < from ? 4 : 4 + 120 * Math.pow(0.5, (i - from) / 45),
    );
    const intervals = detectSeries(counts, START).intervals.filter((iv) => iv.endIndex >= WEEK);
    expect(intervals).toHaveLength(1);
    expect(intervals[0]!.startIndex - from).toBeLessThan(3);
    // It lasts while the surge is still several times the baseline (two hours in: ×5.5).
    expect(intervals[0]!.endIndex - from).toBeGreaterThan(90);
  });

  it("catches a surge of a code never seen before in a fresh project, and not its first trickle", () => {
    // A project reporting for an hour already; 50502 appears at 40 a minute (certificate expiry).
    const surge = poissonSeries(120, 4, () => 40);
    const judged = continueSeries(new SpikeDetector(START + 60, {}, { newInProject: true }), surge);
    expect(judged.upper[0]).toBeLessThan(10);
    const first = judged.spike.indexOf(1);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(3);

    // A new code trickling in at one or two a minute, for a day, is not a spike.
    const trickle = poissonSeries(DAY, 5, () => 1.5);
    const quiet = continueSeries(
      new SpikeDetector(START + 60, {}, { newInProject: true }),
      trickle,
    );
    expect(quiet.intervals).toEqual([]);

    // A code present from the project's first minute is onboarding traffic: no verdict in its
    // first hour, whatever its rate.
    const onboarding = detectSeries(surge, START);
    expect(onboarding.upper[59]).toBe(Number.POSITIVE_INFINITY);
    expect(onboarding.intervals).toEqual([]);
  });

  it("with minSpikeExcess, leaves a burst of a few events on a near-zero code alone, not a surge", () => {
    // 0.1 a minute for two weeks; then 4 events a minute for 3 minutes, and later 30 a minute.
    const blip = 2 * WEEK - 3 * DAY;
    const surge = 2 * WEEK - DAY;
    const counts = poissonSeries(2 * WEEK, 7, (i) => {
      if (i >= blip && i < blip + 3) return 4;
      if (i >= surge && i < surge + 30) return 30;
      return 0.1;
    });
    const plain = detectSeries(counts, START).spike;
    expect(flaggedIn(plain, blip, 10)).toBe(true);
    const floored = detectSeries(counts, START, { minSpikeExcess: 20 }).spike;
    expect(flaggedIn(floored, blip, 10)).toBe(false);
    const first = floored.subarray(surge, surge + 30).indexOf(1);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(3);
  });

  it("catches a surge that lasts hours on a code whose daily bursts are as tall (the long window)", () => {
    // 5 a minute; every day a 5-minute bot burst of +150 a minute; on day 20 a news surge of
    // +60 a minute for three hours: never as tall as the bursts, but far more events.
    const burstAt = (day: number) => day * DAY + ((day * 5) % 18) * 60 + 7;
    const surgeAt = 20 * DAY + 20 * 60;
    const counts = poissonSeries(3 * WEEK + 2 * DAY, 8, (i) => {
      const k = i - burstAt(Math.floor(i / DAY));
      if (k >= 0 && k < 5) return 155;
      if (i >= surgeAt && i < surgeAt + 180) return 65;
      return 5;
    });
    const { spike } = detectSeries(counts, START);
    for (const day of [16, 17, 18, 19, 21, 22]) {
      expect(flaggedIn(spike, burstAt(day), 5), `day ${day}`).toBe(false);
    }
    const first = spike.subarray(surgeAt, surgeAt + 180).indexOf(1);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(60);
    // A JSON snapshot in the middle of it resumes with the same verdicts (the long window's
    // state is in the snapshot).
    const cut = surgeAt + 20;
    const detector = new SpikeDetector(START);
    continueSeries(detector, counts.subarray(0, cut));
    const resumed = SpikeDetector.restore(JSON.parse(JSON.stringify(detector.snapshot())));
    expect(continueSeries(resumed, counts.subarray(cut)).spike).toEqual(spike.subarray(cut));
    // Without the long window the short windows call it ordinary: it is never flagged.
    const short = detectSeries(counts, START, { gateMassMinutes: 0 }).spike;
    expect(flaggedIn(short, surgeAt, 180)).toBe(false);
  });

  it("learns its dispersion from clipped residuals: minutes just under the band do not widen it", () => {
    // 20 a minute, and once an hour a minute at 65 (×3.25: never anomalous on its own).
    const counts = poissonSeries(3 * WEEK, 11, (i) => (i % 60 === 30 ? 65 : 20));
    const learned = (options: DetectorOptions) => {
      const detector = new SpikeDetector(START, options);
      continueSeries(detector, counts);
      const { state, settings } = detector.snapshot();
      const prior = settings.dispersionPriorWeight;
      return (
        ((state.dispersionNum as number) + settings.alpha * prior) /
        ((state.dispersionDen as number) + prior)
      );
    };
    // Clipped at 3 standard deviations, the blips move it little; squared, they dominate it.
    expect(learned({})).toBeLessThan(0.03);
    expect(learned({ dispersionClip: 0 })).toBeGreaterThan(0.05);
  });

  it("counts an incident across midnight once, so it does not hide the next one of its size", () => {
    // The code of the long-window test: daily 5-minute bursts of +150 a minute. A 3-hour surge
    // of +60 a minute mostly before the stream's midnight of day 17 (150 minutes before, 30
    // after), and the same surge on day 20.
    const burstAt = (day: number) => day * DAY + ((day * 5) % 18) * 60 + 7;
    const across = 17 * DAY - 150;
    const next = 20 * DAY + 600;
    const counts = poissonSeries(21 * DAY, 8, (i) => {
      const k = i - burstAt(Math.floor(i / DAY));
      if (k >= 0 && k < 5) return 155;
      if ((i >= across && i < across + 180) || (i >= next && i < next + 180)) return 65;
      return 5;
    });
    const split = detectSeries(counts, START).spike;
    expect(flaggedIn(split, across, 180)).toBe(true);
    expect(flaggedIn(split, next, 180)).toBe(true);
    // Counted on both days (the day after inherits its weighted excess), the first surge made
    // its size ordinary: the second went unflagged.
    const doubled = detectSeries(counts, START, { gateSplitMidnight: false }).spike;
    expect(flaggedIn(doubled, next, 180)).toBe(false);
  });

  it("never looks ahead with its burst memory: prefixes, snapshots and the future agree", () => {
    // Daily bursts (the memory fills across midnights), then a large surge.
    const surgeAt = 2 * WEEK + 3 * DAY + 500;
    const counts = poissonSeries(3 * WEEK, 6, (i) => {
      const k = i % DAY;
      if (i >= surgeAt && i < surgeAt + 40) return 400;
      return k >= 700 && k < 720 ? 50 : 6;
    });
    const whole = detectSeries(counts, START);
    for (const cut of [DAY, DAY + 1, WEEK + 719, surgeAt + 2, surgeAt + 30]) {
      const prefix = detectSeries(counts.subarray(0, cut), START);
      expect(prefix.expected).toEqual(whole.expected.subarray(0, cut));
      expect(prefix.upper).toEqual(whole.upper.subarray(0, cut));
      expect(prefix.spike).toEqual(whole.spike.subarray(0, cut));
      // A snapshot there (JSON, as stored) resumes with exactly the rest of the verdicts.
      const detector = new SpikeDetector(START);
      continueSeries(detector, counts.subarray(0, cut));
      const resumed = SpikeDetector.restore(JSON.parse(JSON.stringify(detector.snapshot())));
      const rest = continueSeries(resumed, counts.subarray(cut));
      expect(rest.spike).toEqual(whole.spike.subarray(cut));
      expect(rest.expected).toEqual(whole.expected.subarray(cut));
    }
    expect(flaggedIn(whole.spike, surgeAt, 5)).toBe(true);
    const altered = counts.slice();
    altered.fill(0, surgeAt + 2);
    expect(detectSeries(altered, START).spike.subarray(0, surgeAt + 2)).toEqual(
      whole.spike.subarray(0, surgeAt + 2),
    );
  });
});
