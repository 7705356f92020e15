/**
 * Synthetic per-minute counts of one code: daily and weekly rhythm, day-to-day and hour-to-hour
 * drift, and overdispersed (gamma-Poisson) minute noise; then labelled scenarios injected into
 * the last (scored) week.
 */
import { gamma, mulberry32, normal, poisson, uniform, type Rng } from "./random";

export const WEEK = 10_080;
export const WARMUP_WEEKS = 3;
export const TOTAL_MINUTES = (WARMUP_WEEKS + 1) * WEEK;
export const SCORED_FROM = WARMUP_WEEKS * WEEK;
/** Monday 2026-01-05 00:00 UTC, in minutes since the epoch. */
export const START_MINUTE = Date.UTC(2026, 0, 5) / 60_000;

export interface Background {
  /** Mean rate per minute before minute noise. */
  rate: Float64Array;
  /** Gamma minute-noise multipliers (mean 1). */
  noise: Float64Array;
  /** Clean counts. */
  counts: Float64Array;
}

export function makeBackground(seed: number, peak: number): Background {
  const rng = mulberry32(seed);
  const trough = uniform(rng, 0.2, 0.4);
  const phaseHours = uniform(rng, -2, 2);
  const weekend = uniform(rng, 0.65, 0.95);
  const shape = uniform(rng, 5, 30);
  const rate = new Float64Array(TOTAL_MINUTES);
  const noise = new Float64Array(TOTAL_MINUTES);
  const counts = new Float64Array(TOTAL_MINUTES);
  let dayFactor = 1;
  let hourLog = 0;
  for (let i = 0; i < TOTAL_MINUTES; i++) {
    const minuteOfDay = i % 1440;
    const day = Math.floor(i / 1440) % 7;
    if (minuteOfDay === 0) dayFactor = Math.exp(0.08 * normal(rng));
    if (i % 60 === 0) hourLog = 0.8 * hourLog + 0.04 * normal(rng);
    const hour = minuteOfDay / 60 - 4 - phaseHours;
    const daily = trough + (1 - trough) * 0.5 * (1 - Math.cos((2 * Math.PI * hour) / 24));
    rate[i] = peak * daily * (day >= 5 ? weekend : 1) * dayFactor * Math.exp(hourLog);
    noise[i] = gamma(rng, shape) / shape;
    counts[i] = poisson(rng, rate[i]! * noise[i]!);
  }
  return { rate, noise, counts };
}

export type ScenarioName =
  "clean" | "cert-expiry" | "regional" | "rare-surge" | "slow-rise" | "benign-x2" | "burst";

export interface Injected {
  /** Counts of the scored week. */
  counts: Float64Array;
  /** Event window within the scored week [start, end), or null for a clean week. */
  start: number;
  end: number;
  /** Whether the detector should flag it (surges) or stay quiet (benign shapes). */
  shouldFlag: boolean;
}

/** Extra multiplier (≥ 0, added on top of the clean rate) per minute of the scored week. */
function excessShape(
  name: ScenarioName,
  rng: Rng,
): { excess: Float64Array; start: number; end: number; absolute: boolean } {
  const excess = new Float64Array(WEEK);
  const at = (lo: number, hi: number) => Math.floor(uniform(rng, lo, hi));
  switch (name) {
    case "clean":
      return { excess, start: -1, end: -1, absolute: false };
    case "cert-expiry": {
      // ×30-100 (log-uniform), reached after a two-minute ramp, for 30-120 minutes.
      const factor = Math.exp(uniform(rng, Math.log(30), Math.log(100)));
      const start = at(60, WEEK - 200);
      const duration = at(30, 120);
      for (let k = 0; k < duration; k++) {
        const ramp = k < 2 ? (k + 1) / 3 : 1;
        excess[start + k] = factor * ramp - 1;
      }
      return { excess, start, end: start + duration, absolute: false };
    }
    case "regional": {
      // ×10 for 45 minutes, three-minute ramp.
      const start = at(60, WEEK - 100);
      for (let k = 0; k < 45; k++) excess[start + k] = (k < 3 ? 1 + (9 * (k + 1)) / 3 : 10) - 1;
      return { excess, start, end: start + 45, absolute: false };
    }
    case "rare-surge": {
      // About 30 extra events a minute for 20-60 minutes, two-minute ramp (absolute, not a ratio).
      const start = at(60, WEEK - 100);
      const duration = at(20, 60);
      for (let k = 0; k < duration; k++) excess[start + k] = 30 * (k < 2 ? (k + 1) / 3 : 1);
      return { excess, start, end: start + duration, absolute: true };
    }
    case "slow-rise": {
      // Linear rise to ×3 over 24 hours, then stays there for the rest of the week.
      const start = at(60, WEEK - 3 * 1440);
      for (let k = start; k < WEEK; k++) excess[k] = 2 * Math.min(1, (k - start) / 1440);
      return { excess, start, end: WEEK, absolute: false };
    }
    case "benign-x2": {
      // All traffic ×2 for 6 hours, with a 30-60 minute onset and offset.
      const start = at(60, WEEK - 600);
      const ramp = at(30, 61);
      const duration = 360;
      for (let k = 0; k < duration; k++) {
        const up = Math.min(1, (k + 1) / ramp);
        const down = Math.min(1, (duration - k) / ramp);
        excess[start + k] = Math.min(up, down);
      }
      return { excess, start, end: start + duration, absolute: false };
    }
    case "burst": {
      // One minute at ×30 (at least 10 extra events), then back to normal.
      const start = at(60, WEEK - 60);
      excess[start] = 29;
      return { excess, start, end: start + 1, absolute: false };
    }
  }
}

export const SHOULD_FLAG: Record<ScenarioName, boolean> = {
  clean: false,
  "cert-expiry": true,
  regional: true,
  "rare-surge": true,
  "slow-rise": false,
  "benign-x2": false,
  burst: false,
};

export function inject(background: Background, name: ScenarioName, seed: number): Injected {
  const rng = mulberry32(seed);
  const { excess, start, end, absolute } = excessShape(name, rng);
  const counts = background.counts.slice(SCORED_FROM);
  for (let k = 0; k < WEEK; k++) {
    if (excess[k] === 0) continue;
    const i = SCORED_FROM + k;
    let mean = absolute
      ? excess[k]! * background.noise[i]!
      : background.rate[i]! * background.noise[i]! * excess[k]!;
    if (name === "burst") mean = Math.max(mean, 10);
    counts[k]! += poisson(rng, mean);
  }
  return { counts, start, end, shouldFlag: SHOULD_FLAG[name] };
}
