/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl, so it runs in the browser
 * without a time-zone database of our own. A "wall" time is the zone's local date and time
 * written as if it were UTC (Date.UTC of its fields): plain arithmetic on it steps the calendar
 * (days, months) without knowing the zone's offsets; `wallToInstant` turns it back into an instant.
 */

const DAY = 86_400_000;

// Building a DateTimeFormat costs far more than formatting with one.
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA name (or "UTC") this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone of the browser (or server) running this, e.g. "Asia/Shanghai". */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The wall time (ms, see above) at instant `ms` in `timeZone`, to the second. */
export function instantToWall(ms: number, timeZone: string): number {
  if (timeZone === "UTC") return ms;
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(ms)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year!,
    fields.month! - 1,
    fields.day!,
    fields.hour!,
    fields.minute!,
    fields.second!,
  );
  return wall + (((ms % 1000) + 1000) % 1000);
}

/** The zone's offset from UTC at instant `ms`, in ms (Asia/Shanghai: +8 h). */
export function zoneOffset(ms: number, timeZone: string): number {
  return instantToWall(ms, timeZone) - ms;
}

/**
 * The instant at which the clocks of `timeZone` show `wall`. A wall time that happens twice
 * (clocks set back) gives the earlier instant; one that never happens (clocks set forward) is
 * moved forward by the gap, so a missing midnight gives the day's first instant. (Temporal's
 * "compatible" disambiguation; a zone changes its offset at most once a day.)
 */
export function wallToInstant(wall: number, timeZone: string): number {
  if (timeZone === "UTC") return wall;
  const before = zoneOffset(wall - DAY, timeZone);
  const after = zoneOffset(wall + DAY, timeZone);
  const earlier = wall - Math.max(before, after);
  const later = wall - Math.min(before, after);
  if (instantToWall(earlier, timeZone) === wall) return earlier;
  if (instantToWall(later, timeZone) === wall) return later;
  // In the gap: the offset before the change carries the wall time past it.
  return wall - before;
}

/** True when the clocks of `timeZone` show `wall` at some instant (not in a forward gap). */
export function wallExists(wall: number, timeZone: string): boolean {
  return instantToWall(wallToInstant(wall, timeZone), timeZone) === wall;
}

/** The first instant of the zone's calendar day that holds instant `ms`. */
export function startOfDay(ms: number, timeZone: string): number {
  const wall = instantToWall(ms, timeZone);
  return wallToInstant(wall - (((wall % DAY) + DAY) % DAY), timeZone);
}

/**
 * The first instant of the calendar day `days` after the one starting at `dayStart` (a value of
 * `startOfDay`): 23, 24 or 25 hours later for one day, across a change of the clocks.
 */
export function addDays(dayStart: number, days: number, timeZone: string): number {
  const wall = instantToWall(dayStart, timeZone);
  const midnight = wall - (((wall % DAY) + DAY) % DAY);
  return wallToInstant(midnight + days * DAY, timeZone);
}
