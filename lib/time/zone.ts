/**
 * Day boundaries in a time zone, for `1d` buckets that begin at local midnight (a Shanghai
 * team's "today" is one bar, not two UTC halves), on the server as on the page (time-zone.ts:
 * Intl only, the zone data is the platform's). A local day is 23 to 25 hours around DST; where
 * midnight does not exist, the day begins at its first instant.
 */
import { addDays, isTimeZone, startOfDay, zoneOffset } from "./time-zone";

export { isTimeZone };

/** The zone's offset from UTC at `epochMs`, in minutes (east positive). */
export function offsetMinutes(timeZone: string, epochMs: number): number {
  return Math.round(zoneOffset(epochMs, timeZone) / 60_000);
}

/**
 * The starts of the local days that cover [fromMs, toMs), and the end of the last one, as epoch
 * minutes: `n + 1` boundaries for `n` days.
 */
export function dayBoundaries(timeZone: string, fromMs: number, toMs: number): number[] {
  const first = startOfDay(fromMs, timeZone);
  const bounds = [first];
  for (let i = 1; bounds.at(-1)! < toMs; i++) bounds.push(addDays(first, i, timeZone));
  return bounds.map((ms) => Math.round(ms / 60_000));
}
