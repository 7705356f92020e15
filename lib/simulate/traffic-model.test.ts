import { describe, expect, it } from "vitest";

import { catalogEntries } from "../catalog/entries";
import {
  CODE_PROFILES,
  createTrafficModel,
  fleetRhythm,
  mulberry32,
  sampleCount,
  samplePoisson,
} from "./traffic-model";

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Wednesday 2026-11-25 00:00 in UTC+8. */
const WEDNESDAY = Date.UTC(2026, 10, 24, 16);
/** Saturday 2026-11-28 00:00 in UTC+8. */
const SATURDAY = WEDNESDAY + 3 * 24 * HOUR;

function sumCounts(model: ReturnType<typeof createTrafficModel>, fromMs: number, toMs: number) {
  const byCode = new Map<number, number>();
  for (let m = fromMs; m < toMs; m += MINUTE) {
    for (const { code, count } of model.countsForMinute(m)) {
      byCode.set(code, (byCode.get(code) ?? 0) + count);
    }
  }
  return byCode;
}

const total = (counts: Map<number, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

describe("the traffic model", () => {
  it("gives the same counts for the same seed and minute, and other counts for another seed", () => {
    const a = createTrafficModel({ seed: 42, rate: 20 });
    const b = createTrafficModel({ seed: 42, rate: 20 });
    const c = createTrafficModel({ seed: 43, rate: 20 });
    const minutes = Array.from({ length: 30 }, (_, i) => WEDNESDAY + 20 * HOUR + i * MINUTE);
    const run = (model: typeof a) => minutes.map((m) => model.countsForMinute(m));
    expect(run(a)).toEqual(run(b));
    expect(run(a)).not.toEqual(run(c));
    // A minute does not depend on what was generated before it.
    expect(a.countsForMinute(minutes[7]!)).toEqual(run(b)[7]);
  });

  it("is quieter at night than in the evening, in the fleet's local time", () => {
    const model = createTrafficModel({ seed: 1, rate: 5 });
    const night = total(sumCounts(model, WEDNESDAY + 3 * HOUR, WEDNESDAY + 5 * HOUR));
    const evening = total(sumCounts(model, WEDNESDAY + 19 * HOUR, WEDNESDAY + 21 * HOUR));
    expect(evening).toBeGreaterThan(4 * night);
    // The same UTC hours are an evening for a fleet in UTC-5 no longer.
    const elsewhere = createTrafficModel({ seed: 1, rate: 5, utcOffsetHours: -5 });
    expect(elsewhere.rhythm(WEDNESDAY + 20 * HOUR)).toBeLessThan(
      model.rhythm(WEDNESDAY + 20 * HOUR),
    );
  });

  it("has a weekend of its own: busier late mornings", () => {
    expect(fleetRhythm(SATURDAY + 11 * HOUR, 8)).toBeGreaterThan(
      1.2 * fleetRhythm(WEDNESDAY + 11 * HOUR, 8),
    );
    expect(fleetRhythm(SATURDAY + 7 * HOUR, 8)).toBeLessThan(fleetRhythm(WEDNESDAY + 7 * HOUR, 8));
  });

  it("makes --rate the weekly average", () => {
    const model = createTrafficModel({ seed: 1, rate: 3 });
    let expected = 0;
    for (let m = WEDNESDAY; m < WEDNESDAY + 7 * 24 * HOUR; m += 5 * MINUTE) {
      for (const p of CODE_PROFILES) expected += model.expectedPerMinute(p.code, m) * 5;
    }
    expect(expected / (7 * 24 * 3600)).toBeCloseTo(3, 1);
  });

  it("lets five codes carry most of the traffic while most codes stay rare", () => {
    const counts = sumCounts(
      createTrafficModel({ seed: 9, rate: 5 }),
      WEDNESDAY,
      WEDNESDAY + 24 * HOUR,
    );
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const all = total(counts);
    expect(sorted.slice(0, 5).reduce((a, b) => a + b, 0) / all).toBeGreaterThan(0.6);
    const rare = CODE_PROFILES.filter((p) => (counts.get(p.code) ?? 0) / all < 0.005);
    expect(rare.length).toBeGreaterThanOrEqual(20);
    const top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([c]) => c);
    expect(top).toEqual(expect.arrayContaining([50503, 50408, 10201, 10202]));
  });

  it("keeps 50502 a low background that is there every hour", () => {
    const model = createTrafficModel({ seed: 3, rate: 2 });
    const hourly = Array.from({ length: 24 }, (_, h) =>
      sumCounts(model, WEDNESDAY + h * HOUR, WEDNESDAY + (h + 1) * HOUR),
    );
    const share =
      hourly.reduce((s, c) => s + (c.get(50502) ?? 0), 0) /
      hourly.reduce((s, c) => s + total(c), 0);
    expect(share).toBeLessThan(0.01);
    expect(Math.min(...hourly.map((c) => c.get(50502) ?? 0))).toBeGreaterThan(0);
  });

  it("covers every code of the catalogue", () => {
    expect(CODE_PROFILES.map((p) => p.code).sort((a, b) => a - b)).toEqual(
      catalogEntries.map((e) => e.code).sort((a, b) => a - b),
    );
    const model = createTrafficModel({ seed: 1, rate: 1 });
    for (const p of CODE_PROFILES)
      expect(model.expectedPerMinute(p.code, WEDNESDAY)).toBeGreaterThan(0);
  });

  it("draws overdispersed counts: variance above the mean", () => {
    const rng = mulberry32(5);
    const draws = Array.from({ length: 5000 }, () => sampleCount(rng, 20, 15));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length;
    expect(mean).toBeGreaterThan(19);
    expect(mean).toBeLessThan(21);
    expect(variance).toBeGreaterThan(1.5 * mean);
  });

  it("draws Poisson counts with the right mean, small or large", () => {
    const rng = mulberry32(11);
    for (const mean of [0.3, 4, 250]) {
      const draws = Array.from({ length: 4000 }, () => samplePoisson(rng, mean));
      expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(mean, mean < 1 ? 1 : 0);
    }
  });
});
