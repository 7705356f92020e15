import { describe, expect, it } from "vitest";

import { rngFor, samplePoisson } from "../simulate/traffic-model";
import { classifyOnset, type OnsetShape } from "./onset";

/** `lead` minutes at `base`, then `level(t)` for t = 0, 1, … over `minutes` minutes. */
function series(lead: number, base: number, minutes: number, level: (t: number) => number) {
  return [
    ...Array.from({ length: lead }, () => base),
    ...Array.from({ length: minutes }, (_, t) => level(t)),
  ];
}

/** The same, with Poisson noise on every minute (seeded). */
function noisy(seed: number, mean: readonly number[]): number[] {
  const rng = rngFor(seed, 991);
  return mean.map((m) => samplePoisson(rng, m));
}

/** How often each shape (or null) comes out over `runs` noisy copies of `mean`. */
function shapes(mean: readonly number[], base: number, runs = 200) {
  const tally: Record<OnsetShape | "none", number> = { step: 0, ramp: 0, burst: 0, none: 0 };
  for (let seed = 1; seed <= runs; seed++) {
    tally[classifyOnset(noisy(seed, mean), base)?.shape ?? "none"] += 1;
  }
  return tally;
}

describe("the onset of a surge", () => {
  it("a jump from the baseline within a minute is a step, starting at that minute", () => {
    const counts = series(15, 2, 15, () => 180);
    expect(classifyOnset(counts, 2)).toEqual({
      shape: "step",
      firstIndex: 15,
      minutesToHalfPeak: 0,
      minutesToPeak: 0,
      peakPerMinute: 180,
    });
  });

  it("a certificate expiry 15 s into a minute, rising over 90 s, is a step from that minute", () => {
    // 45 s of a 90 s rise in the first minute, the rest of the rise in the next.
    const counts = series(15, 2, 15, (t) => (t === 0 ? 35 : t === 1 ? 150 : 180));
    const onset = classifyOnset(counts, 2)!;
    expect(onset.shape).toBe("step");
    expect(onset.firstIndex).toBe(15);
    expect(onset.minutesToHalfPeak).toBeLessThanOrEqual(1);
    expect(onset.minutesToPeak).toBeLessThanOrEqual(2);
  });

  it("a rise over 20 minutes is a ramp, starting where it starts", () => {
    const counts = series(15, 2, 20, (t) => 2 + 4 * t);
    const onset = classifyOnset(counts, 2)!;
    expect(onset.shape).toBe("ramp");
    expect(onset.firstIndex).toBeGreaterThanOrEqual(15);
    expect(onset.firstIndex).toBeLessThanOrEqual(18);
    expect(onset.minutesToHalfPeak).toBeGreaterThan(5);
    expect(onset.minutesToPeak).toBeGreaterThan(onset.minutesToHalfPeak);
  });

  it("a rise over 10 minutes (a wave of wrong clocks) is a ramp too", () => {
    const counts = series(15, 3, 15, (t) => 3 + 30 * Math.min(1, t / 10));
    expect(classifyOnset(counts, 3)?.shape).toBe("ramp");
  });

  it("up at once and back within minutes is a burst; one that stays up is not", () => {
    const burst = series(15, 1, 15, (t) => (t < 2 ? 60 : 1));
    expect(classifyOnset(burst, 1)).toMatchObject({ shape: "burst", firstIndex: 15 });
    const single = series(15, 1, 10, (t) => (t === 0 ? 90 : 1));
    expect(classifyOnset(single, 1)).toMatchObject({ shape: "burst", firstIndex: 15 });
    // Ten minutes up, then down: an incident that ended, a step.
    const ended = series(15, 1, 20, (t) => (t < 10 ? 60 : 1));
    expect(classifyOnset(ended, 1)?.shape).toBe("step");
    // Two minutes up at the end of the series: too early to call it a burst.
    const early = series(15, 1, 2, () => 60);
    expect(classifyOnset(early, 1)?.shape).toBe("step");
  });

  it("a window already high from its first minute has no onset in view", () => {
    expect(
      classifyOnset(
        series(0, 2, 15, () => 150),
        2,
      ),
    ).toBeNull();
    // A ramp seen two hours in: high from the lead-in's first minute.
    expect(
      classifyOnset(
        series(15, 60, 15, (t) => 60 + t),
        2,
      ),
    ).toBeNull();
  });

  it("no excess, or one too small to read, has no onset", () => {
    expect(classifyOnset([], 2)).toBeNull();
    expect(
      classifyOnset(
        series(15, 2, 15, () => 2),
        2,
      ),
    ).toBeNull();
    expect(
      classifyOnset(
        series(15, 0, 15, () => 0),
        0,
      ),
    ).toBeNull();
    // One stray minute of a rare code: a peak within the noise.
    expect(
      classifyOnset(
        series(15, 0, 15, (t) => (t === 3 ? 4 : 0)),
        0.1,
      ),
    ).toBeNull();
    // A busy code 20% up: within three standard deviations of its baseline.
    expect(
      classifyOnset(
        series(15, 400, 15, () => 420),
        400,
      ),
    ).toBeNull();
  });

  it("a step that keeps drifting up is still a step", () => {
    // Half the top at once, then the afternoon's rhythm: 28 to 42 a minute.
    const counts = series(15, 2.5, 15, (t) => 28 + t);
    expect(classifyOnset(counts, 2.5)).toMatchObject({ shape: "step", firstIndex: 15 });
  });

  // Noisy series: Poisson counts around the shapes above, 200 seeds each. The classifier must
  // not claim a shape from noise: a step is a step or none, a ramp a ramp or none, nearly always.
  it("a flat noisy series of a low-volume code has no onset", () => {
    for (const base of [0.2, 1, 2.5]) {
      const tally = shapes(
        series(15, base, 15, () => base),
        base,
      );
      expect(tally.none, `${base}/min: ${JSON.stringify(tally)}`).toBeGreaterThanOrEqual(198);
    }
  });

  it("a noisy low-volume step is a step, or none when noise leaves it open; hardly a ramp", () => {
    // 0.2 a minute to 6, and 2 to 12: the peak is a handful of events.
    for (const [base, level] of [
      [0.2, 6],
      [2, 12],
    ] as const) {
      const tally = shapes(
        series(15, base, 15, () => level),
        base,
      );
      expect(tally.step, `${base} → ${level}: ${JSON.stringify(tally)}`).toBeGreaterThanOrEqual(
        120,
      );
      expect(tally.ramp).toBeLessThanOrEqual(4);
    }
    // At 30 a minute, a step; drifting up afterwards too.
    expect(
      shapes(
        series(15, 2, 15, () => 30),
        2,
      ).step,
    ).toBeGreaterThanOrEqual(195);
    expect(
      shapes(
        series(15, 2.5, 15, (t) => 28 + t),
        2.5,
      ).step,
    ).toBeGreaterThanOrEqual(195);
  });

  it("a noisy low-volume ramp is a ramp, or none when noise leaves it open; rarely a step", () => {
    // From 2 a minute, 0.6 more each minute: 11 a minute after 15 minutes.
    const low = shapes(
      series(15, 2, 15, (t) => 2 + 0.6 * t),
      2,
    );
    expect(low.ramp, JSON.stringify(low)).toBeGreaterThanOrEqual(110);
    expect(low.step).toBeLessThanOrEqual(10);
    // Ten minutes up to 90 a minute: a ramp.
    const higher = shapes(
      series(15, 10, 15, (t) => 10 + 80 * Math.min(1, (t + 0.5) / 10)),
      10,
    );
    expect(higher.ramp, JSON.stringify(higher)).toBeGreaterThanOrEqual(185);
    expect(higher.step).toBeLessThanOrEqual(2);
  });

  it("a noisy low-volume burst is a burst, rarely a step, hardly a ramp", () => {
    const tally = shapes(
      series(15, 0.5, 15, (t) => (t < 2 ? 12 : 0.5)),
      0.5,
    );
    expect(tally.burst, JSON.stringify(tally)).toBeGreaterThanOrEqual(170);
    expect(tally.ramp).toBeLessThanOrEqual(2);
  });
});
