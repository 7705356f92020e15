/**
 * The simulator's model of normal traffic: how many events of each code the fleet sends in a
 * given minute. Pure and seeded: the counts of a minute depend only on (seed, minute, code), so
 * a backfill and a live run of the same seed agree, and a minute can be regenerated on its own.
 *
 * Shape, from what a smart-home fleet looks like in the field:
 * - a daily rhythm in the fleet's local time (night trough, evening peak when people are home),
 *   and a different weekend curve (later mornings, busier days);
 * - a skewed mix: timeouts, DNS failures, device-offline and pairing timeouts make most of the
 *   traffic; most of the 45 codes are rare; 50502 is a low background from phones whose clock
 *   is wrong (its surges are what the scenarios add);
 * - overdispersed counts (negative binomial: Poisson with a gamma-distributed mean), because real
 *   error counts are burstier than Poisson.
 */

// ---------------------------------------------------------------------------------------------
// Seeded randomness. Math.random is never used: runs must be reproducible from --seed.

export { mulberry32, type Rng } from "../random";
import { mulberry32, type Rng } from "../random";

/** Mixes integers into one 32-bit seed (murmur3's finaliser per part), for independent streams. */
export function hashInts(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // Split so values beyond 32 bits (epoch minutes are fine, epoch ms are not) still mix in.
    for (const word of [part >>> 0, Math.floor(part / 4_294_967_296) >>> 0]) {
      let k = Math.imul(word, 0xcc9e2d51);
      k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
      h ^= k;
      h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A generator for one independent stream, e.g. (seed, minute, code). */
export function rngFor(...parts: number[]): Rng {
  return mulberry32(hashInts(...parts));
}

/** A stable number in [0, 1) for the parts, e.g. a device's rank for some trait. */
export function unitHash(...parts: number[]): number {
  return hashInts(...parts) / 4_294_967_296;
}

export function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, weight] of items) total += weight;
  let r = rng() * total;
  for (const [item, weight] of items) {
    r -= weight;
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error("pickWeighted: no items");
  return last[0];
}

function standardNormal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Gamma(shape, 1) by Marsaglia and Tsang. */
export function sampleGamma(rng: Rng, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(rng);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function samplePoisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    // Knuth: exact, and cheap for the small means most codes have.
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = rng(); p > limit; p *= rng()) k++;
    return k;
  }
  // Normal approximation: exp(-mean) underflows for large means and Knuth would loop `mean` times.
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * standardNormal(rng)));
}

/** Negative binomial with the given mean: variance = mean + mean² / dispersion. */
export function sampleCount(rng: Rng, mean: number, dispersion: number): number {
  if (mean <= 0) return 0;
  return samplePoisson(rng, (mean * sampleGamma(rng, dispersion)) / dispersion);
}

// ---------------------------------------------------------------------------------------------
// Rhythm.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** Relative activity at each local hour (value at HH:00, linear in between). */
const WEEKDAY = [
  0.55, 0.38, 0.26, 0.2, 0.18, 0.22, 0.4, 0.8, 1.05, 0.95, 0.9, 0.95, 1.1, 1.0, 0.92, 0.92, 0.98,
  1.15, 1.45, 1.75, 1.95, 1.95, 1.6, 1.0,
];
/** Weekends: people sleep in and are home all day, so later mornings and busier afternoons. */
const WEEKEND = [
  0.7, 0.5, 0.33, 0.24, 0.2, 0.2, 0.27, 0.45, 0.75, 1.05, 1.25, 1.3, 1.3, 1.25, 1.25, 1.25, 1.3,
  1.4, 1.55, 1.8, 1.95, 1.9, 1.6, 1.1,
];
/** One value per hour of the week, Sunday 00:00 local first. */
const WEEK = [0, 1, 2, 3, 4, 5, 6].flatMap((day) => (day === 0 || day === 6 ? WEEKEND : WEEKDAY));
// Linear interpolation round a closed loop has exactly the mean of its anchors, so dividing by
// it makes the rhythm average 1 over a week, and --rate the weekly average.
const WEEK_MEAN = WEEK.reduce((sum, v) => sum + v, 0) / WEEK.length;

/** The fleet's activity at `atMs` relative to its weekly average (1). */
export function fleetRhythm(atMs: number, utcOffsetHours: number): number {
  const local = atMs + utcOffsetHours * HOUR_MS;
  // 1970-01-01 was a Thursday: shift so that hour 0 of the week is Sunday 00:00.
  const weekHours = ((((local + 4 * DAY_MS) / HOUR_MS) % (7 * 24)) + 7 * 24) % (7 * 24);
  const hour = Math.floor(weekHours);
  const from = WEEK[hour] ?? 1;
  const to = WEEK[(hour + 1) % WEEK.length] ?? 1;
  return (from + (to - from) * (weekHours - hour)) / WEEK_MEAN;
}

// ---------------------------------------------------------------------------------------------
// The mix of codes.

export interface CodeProfile {
  code: number;
  /** Relative weight in the normal mix. */
  weight: number;
  /** How much the code follows the fleet's rhythm: 1 fully, 0 flat round the clock. */
  rhythm: number;
  /** Negative-binomial dispersion: lower is burstier. */
  dispersion: number;
}

const profile = (code: number, weight: number, rhythm = 1, dispersion = 15): CodeProfile => ({
  code,
  weight,
  rhythm,
  dispersion,
});

/** Every catalogue code, weighted so that a handful of codes carry most of the traffic. */
export const CODE_PROFILES: readonly CodeProfile[] = [
  // The common ones: timeouts, DNS, devices offline, pairing timeouts.
  profile(50503, 180),
  profile(50408, 160),
  profile(10201, 150, 0.9),
  // Devices drop off the cloud round the clock (power cuts, routers), not only when people look.
  profile(10202, 130, 0.5),
  profile(1006, 90),
  profile(50504, 80),
  // Regular.
  profile(50501, 40),
  profile(50505, 30),
  profile(50500, 20),
  profile(10203, 15, 0.7),
  profile(50507, 12),
  profile(11004, 12),
  profile(105, 10),
  profile(1004, 8),
  profile(101, 6),
  profile(1001, 6),
  profile(1007, 6),
  profile(50508, 5),
  profile(1101, 5),
  // Phones with a wrong clock: present every minute, a steady trickle, never bursty.
  profile(50502, 4, 0.8, 50),
  profile(1002, 4),
  profile(1005, 4),
  profile(50509, 3),
  profile(103, 3),
  profile(1100, 3),
  // Rare: near zero most minutes.
  profile(104, 2, 0.8, 50),
  profile(12003, 2, 0.8, 50),
  profile(106, 2),
  profile(1102, 2, 0.6),
  profile(11002, 2),
  profile(50506, 2),
  profile(50512, 1.5, 1, 3),
  profile(50513, 1.5, 1, 3),
  profile(102, 1),
  profile(12001, 1),
  profile(11001, 0.5),
  profile(11009, 0.5),
  profile(12002, 0.5),
  profile(50510, 0.5),
  profile(50514, 0.5),
  profile(50515, 0.5),
  profile(11005, 0.3),
  profile(12004, 0.3),
  profile(50511, 0.2),
  profile(50516, 0.2),
];

const TOTAL_WEIGHT = CODE_PROFILES.reduce((sum, p) => sum + p.weight, 0);
const BY_CODE = new Map(CODE_PROFILES.map((p) => [p.code, p]));

/** The share of normal traffic a code has on average. */
export function codeShare(code: number): number {
  return (BY_CODE.get(code)?.weight ?? 0) / TOTAL_WEIGHT;
}

// ---------------------------------------------------------------------------------------------
// The model.

export interface TrafficModelOptions {
  seed: number;
  /** Normal events per second, averaged over a week. */
  rate: number;
  /** The fleet's local time, for the rhythm: China is UTC+8. */
  utcOffsetHours?: number;
}

export interface CodeCount {
  code: number;
  count: number;
}

export interface TrafficModel {
  readonly seed: number;
  readonly rate: number;
  readonly utcOffsetHours: number;
  /** The fleet's relative activity at an instant (weekly average 1). */
  rhythm(atMs: number): number;
  /** Expected events per minute of one code at an instant. */
  expectedPerMinute(code: number, atMs: number): number;
  /** Sampled counts for the minute starting at `minuteStartMs` (codes with 0 left out). */
  countsForMinute(minuteStartMs: number): CodeCount[];
}

/** Salt of the normal-traffic streams, so scenario streams of the same minute differ. */
const NORMAL_STREAM = 1;

/** The fleet's time zone when none is given: China, UTC+8 (the SDK's platform). */
export const FLEET_UTC_OFFSET_HOURS = 8;

export function createTrafficModel(options: TrafficModelOptions): TrafficModel {
  const { seed, rate } = options;
  const utcOffsetHours = options.utcOffsetHours ?? FLEET_UTC_OFFSET_HOURS;
  const perMinute = rate * 60;
  const rhythm = (atMs: number) => fleetRhythm(atMs, utcOffsetHours);

  function expected(p: CodeProfile, atMs: number): number {
    return ((perMinute * p.weight) / TOTAL_WEIGHT) * (1 + p.rhythm * (rhythm(atMs) - 1));
  }

  return {
    seed,
    rate,
    utcOffsetHours,
    rhythm,
    expectedPerMinute(code, atMs) {
      const p = BY_CODE.get(code);
      return p ? expected(p, atMs) : 0;
    },
    countsForMinute(minuteStartMs) {
      const minute = Math.floor(minuteStartMs / MINUTE_MS);
      const middle = minute * MINUTE_MS + MINUTE_MS / 2;
      const counts: CodeCount[] = [];
      for (const p of CODE_PROFILES) {
        const rng = rngFor(seed, NORMAL_STREAM, minute, p.code);
        const count = sampleCount(rng, expected(p, middle), p.dispersion);
        if (count > 0) counts.push({ code: p.code, count });
      }
      return counts;
    },
  };
}
