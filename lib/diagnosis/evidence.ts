/**
 * The evidence a diagnosis weighs: what the events of a surge have that the code's baseline did
 * not. Pure: built from event rows (from the database, or from the simulator in tests).
 *
 * Every share is of the surge's *excess*: the events beyond what the baseline's rate predicts
 * for the surge window, split by value as `max(0, count in surge − baseline share × expected)`.
 * A ×80 certificate expiry's excess is nearly all the surge; a ×5 wave's is not, and the
 * background (for 50502, mostly phones with wrong clocks) must not be mistaken for its cause.
 */
import type { DiagnosticRow } from "../telemetry/reads";
import { classifyOnset, type OnsetShape } from "./onset";

/**
 * One event as the diagnosis reads it: the columns of the `event` table it weighs, as
 * lib/telemetry reads them (a type-only import: this module stays pure).
 */
export type DiagnosticEvent = DiagnosticRow;

export const DIMENSIONS = [
  "host",
  "remoteIp",
  "appVersion",
  "osVersion",
  "apiLevel",
  "network",
  "carrier",
  "region",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Facts about an event the causes in docs/diagnosis.md turn on. */
export const SIGNALS = {
  /** "Certificate expired at …" from a phone whose clock is right: the server's certificate. */
  expiredWithRightClock: (e: DiagnosticEvent) =>
    /certificate ?expired/i.test(texts(e)) && Math.abs(e.clockDriftMs ?? 0) < HOUR_MS,
  /** "Trust anchor for certification path not found": a chain the phone cannot build. */
  trustAnchor: (e: DiagnosticEvent) => /trust anchor/i.test(texts(e)),
  /** A phone clock off by a day or more (measured drift). */
  wrongClock: (e: DiagnosticEvent) => Math.abs(e.clockDriftMs ?? 0) >= DAY_MS,
  /** Android 7.0 or older (API ≤ 24): no ISRG root, no user-added CAs for apps. */
  oldAndroid: (e: DiagnosticEvent) => e.apiLevel !== null && e.apiLevel <= 24,
  /** A pinning or hostname failure, what interception often shows instead of 50502. */
  interception: (e: DiagnosticEvent) => /certificate pinning failure|not verified/i.test(texts(e)),
} as const;
export type Signal = keyof typeof SIGNALS;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function texts(e: DiagnosticEvent): string {
  return `${e.exception ?? ""}\n${e.message ?? ""}\n${e.cause ?? ""}`;
}

export interface ValueEvidence {
  value: string;
  /** Share of the surge's excess with this value (0–1). */
  excessShare: number;
  /** Share of all surge events, and of the baseline's events, with this value. */
  share: number;
  baselineShare: number;
}

/** How the surge began (`onset.ts`), read from the code's per-minute counts. */
export interface Onset {
  shape: OnsetShape;
  /** The first minute of the rise (ISO 8601). */
  firstMinute: string;
  /** Minutes from it to the first at half the rise's top (0: the same minute). */
  minutesToHalfPeak: number;
  /** Minutes from it to the top (to the last minute read, if still rising). */
  minutesToPeak: number;
  /** The peak: events a minute, the highest 3-minute mean. */
  peakPerMinute: number;
}

/**
 * The code's count in each minute from some minutes before the surge window (a lead-in, so
 * that a rise at the window's first minute shows as one) to its end, oldest first.
 */
export interface MinuteSeries {
  /** The first minute's start (ms since the epoch). */
  startMs: number;
  counts: readonly number[];
}

export interface Evidence {
  code: number;
  surge: {
    events: number;
    minutes: number;
    /** Events the baseline's rate predicts for the surge window. */
    expected: number;
    /** Distinct phones among the surge's events; null when most events carry no device id. */
    devices: number | null;
  };
  baseline: { events: number; minutes: number };
  /** Per dimension, values by excess share, largest first (at most five). */
  dimensions: Record<Dimension, ValueEvidence[]>;
  /** Per signal, the evidence of "events with it". */
  signals: Record<Signal, ValueEvidence>;
  /** How the surge began; null without a minute series, or when it shows no clear onset. */
  onset: Onset | null;
}

interface Window {
  /** The window's events, or a sample of them (then `total` says how many there were). */
  events: readonly DiagnosticEvent[];
  minutes: number;
  /** Events in the window when `events` is a sample (from the counts); default: all given. */
  total?: number;
}

/**
 * Evidence for a surge of `code`: its events in `surge` against the code's events in `baseline`
 * (a window before the surge; `minutes` are each window's length). Either window's events may
 * be a sample, with the window's `total`: rates come from the totals, compositions from the
 * samples. With the code's per-minute counts around the surge (`series`), the onset too,
 * against the baseline's rate. Throws a RangeError when a window has no length.
 */
export function buildEvidence(
  code: number,
  surge: Window,
  baseline: Window,
  series?: MinuteSeries,
): Evidence {
  if (!(surge.minutes > 0 && baseline.minutes > 0)) {
    throw new RangeError("surge and baseline windows need a positive length");
  }
  const surgeTotal = surge.total ?? surge.events.length;
  const baselineTotal = baseline.total ?? baseline.events.length;
  const expected = (baselineTotal * surge.minutes) / baseline.minutes;
  // Events without a value count as one more value, so each share is of the whole excess: a
  // lone event with a remote IP among thousands without must not carry "100% of the excess".
  const split = (valueOf: (e: DiagnosticEvent) => string | null): ValueEvidence[] => {
    const key = (e: DiagnosticEvent) => valueOf(e) ?? NO_VALUE;
    const now = shares(surge.events, key);
    const before = shares(baseline.events, key);
    const excess = new Map<string, number>();
    for (const [value, share] of now) {
      excess.set(value, Math.max(0, share * surgeTotal - (before.get(value) ?? 0) * expected));
    }
    const totalExcess = [...excess.values()].reduce((a, b) => a + b, 0);
    return [...now.keys()]
      .filter((value) => value !== NO_VALUE)
      .map((value) => ({
        value,
        excessShare: totalExcess > 0 ? excess.get(value)! / totalExcess : 0,
        share: now.get(value)!,
        baselineShare: before.get(value) ?? 0,
      }))
      .sort((a, b) => b.excessShare - a.excessShare || b.share - a.share);
  };
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => [
      d,
      split((e) => (e[d] === null || e[d] === undefined ? null : String(e[d]))).slice(0, 5),
    ]),
  ) as Record<Dimension, ValueEvidence[]>;
  const signals = Object.fromEntries(
    (Object.keys(SIGNALS) as Signal[]).map((s) => {
      const yes = split((e) => (SIGNALS[s](e) ? "yes" : "no")).find((v) => v.value === "yes");
      return [s, yes ?? { value: "yes", excessShare: 0, share: 0, baselineShare: 0 }];
    }),
  ) as Record<Signal, ValueEvidence>;
  const hashes = surge.events.map((e) => e.deviceHash).filter((h): h is string => h !== null);
  return {
    code,
    surge: {
      events: surgeTotal,
      minutes: surge.minutes,
      expected,
      // Unknown when most events carry no device id: a count of the few that do would
      // read as "a few devices" (events of a fleet whose app sends no id, plus one that does).
      // From a sample, a lower bound.
      devices: hashes.length * 2 >= surge.events.length ? new Set(hashes).size : null,
    },
    baseline: { events: baselineTotal, minutes: baseline.minutes },
    dimensions,
    signals,
    onset: series ? onsetOf(series, baselineTotal / baseline.minutes) : null,
  };
}

function onsetOf(series: MinuteSeries, baselinePerMinute: number): Onset | null {
  const reading = classifyOnset(series.counts, baselinePerMinute);
  if (!reading) return null;
  const { firstIndex, ...rest } = reading;
  return { ...rest, firstMinute: new Date(series.startMs + firstIndex * MINUTE_MS).toISOString() };
}

const MINUTE_MS = 60_000;

/** Stands for "no value" in a split (a string no field can hold: NUL is refused at ingest). */
const NO_VALUE = "\u0000";

/** Each value's share of `events` (none: an empty map). */
function shares(
  events: readonly DiagnosticEvent[],
  key: (e: DiagnosticEvent) => string,
): Map<string, number> {
  const result = new Map<string, number>();
  for (const e of events) {
    const value = key(e);
    result.set(value, (result.get(value) ?? 0) + 1);
  }
  for (const [value, count] of result) result.set(value, count / events.length);
  return result;
}
