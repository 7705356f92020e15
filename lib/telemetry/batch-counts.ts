/**
 * A batch's contribution to the aggregates and its late-minute marks, counted in JavaScript
 * before the batch is stored. Grouping 500 events by code and minute, and by code, hour and each
 * of ten dimension values (5,000 keys), took PostgreSQL 6–10 ms a batch, more than storing the
 * events; a Map does it in well under a millisecond. These counts hold when every event of the
 * batch is stored, as nearly always; when some eventIds turn out to be duplicates, the ingest
 * statement counts the stored rows itself instead (store.ts). Both give the same rows.
 */
import { DIMENSIONS, type Dimension } from "./columns";
import type { NormalizedEvent } from "./event";
import { LATE_AFTER_MINUTES } from "./late-minutes";

const DIMENSION_ENTRIES = Object.entries(DIMENSIONS) as [Dimension, keyof NormalizedEvent][];

/**
 * Counts as the aggregate_delta table holds them: parallel arrays, times in whole minutes and
 * hours since the epoch. `late` is, per code, the earliest late minute (late-minutes.ts).
 */
export interface BatchCounts {
  minuteCodes: number[];
  minuteStarts: number[];
  minuteCounts: number[];
  dimensionCodes: number[];
  dimensionHours: number[];
  dimensionNames: string[];
  dimensionValues: string[];
  dimensionCounts: number[];
  lateCodes: number[];
  lateMinutes: number[];
  /** Per app version in the batch, its earliest minute (release markers, releases.ts). */
  releaseVersions: string[];
  releaseMinutes: number[];
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Per code, per minute or hour: what is counted there. */
type ByCodeAndTime<T> = Map<number, Map<number, T>>;

function slot<T>(map: ByCodeAndTime<T>, code: number, time: number, create: () => T): T {
  let byTime = map.get(code);
  if (!byTime) map.set(code, (byTime = new Map()));
  let value = byTime.get(time);
  if (value === undefined) byTime.set(time, (value = create()));
  return value;
}

/**
 * Counts of `events`, as if all were stored, received at `receivedMs`. Nested maps keyed by the
 * values themselves, not by joined strings: building 5,000 key strings a batch made this cost
 * more than the rest of the request's own code.
 */
export function countBatch(events: NormalizedEvent[], receivedMs: number): BatchCounts {
  const lateBefore = Math.floor(receivedMs / MINUTE_MS) - LATE_AFTER_MINUTES;
  const minutes: ByCodeAndTime<{ count: number }> = new Map();
  // Per code and hour, one map per dimension (DIMENSION_ENTRIES order) from value to count.
  const hours: ByCodeAndTime<Map<string, number>[]> = new Map();
  const late = new Map<number, number>();
  const releases = new Map<string, number>();
  for (const event of events) {
    const ms = event.occurredAt.getTime();
    const minute = Math.floor(ms / MINUTE_MS);
    slot(minutes, event.code, minute, () => ({ count: 0 })).count++;
    const values = slot(hours, event.code, Math.floor(ms / HOUR_MS), () =>
      DIMENSION_ENTRIES.map(() => new Map<string, number>()),
    );
    for (let i = 0; i < DIMENSION_ENTRIES.length; i++) {
      const raw = event[DIMENSION_ENTRIES[i]![1]];
      if (raw === null || raw === undefined) continue;
      // The aggregate's value column is text: apiLevel 24 is counted as "24".
      const value = typeof raw === "string" ? raw : String(raw);
      const counts = values[i]!;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    if (event.appVersion !== null) {
      const first = releases.get(event.appVersion);
      if (first === undefined || minute < first) releases.set(event.appVersion, minute);
    }
    if (minute < lateBefore) {
      const earliest = late.get(event.code);
      if (earliest === undefined || minute < earliest) late.set(event.code, minute);
    }
  }
  const counts: BatchCounts = {
    minuteCodes: [],
    minuteStarts: [],
    minuteCounts: [],
    dimensionCodes: [],
    dimensionHours: [],
    dimensionNames: [],
    dimensionValues: [],
    dimensionCounts: [],
    lateCodes: [...late.keys()],
    lateMinutes: [...late.values()],
    releaseVersions: [...releases.keys()],
    releaseMinutes: [...releases.values()],
  };
  for (const [code, byMinute] of minutes) {
    for (const [minute, { count }] of byMinute) {
      counts.minuteCodes.push(code);
      counts.minuteStarts.push(minute);
      counts.minuteCounts.push(count);
    }
  }
  for (const [code, byHour] of hours) {
    for (const [hour, values] of byHour) {
      for (let i = 0; i < DIMENSION_ENTRIES.length; i++) {
        for (const [value, count] of values[i]!) {
          counts.dimensionCodes.push(code);
          counts.dimensionHours.push(hour);
          counts.dimensionNames.push(DIMENSION_ENTRIES[i]![0]);
          counts.dimensionValues.push(value);
          counts.dimensionCounts.push(count);
        }
      }
    }
  }
  return counts;
}
