/**
 * Day boundaries in a time zone, for `1d` buckets that begin at local midnight (a Shanghai
 * team's "today" is one bar, not two UTC halves). The zone data is the platform's (Intl, i.e.
 * ICU's copy of the IANA database): only the arithmetic is here. DST-correct: a local day is
 * 23, 24 or 25 hours long, and where midnight does not exist (a zone that springs forward at
 * 00:00) the day begins at the first minute that does.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether `name` is an IANA time zone this platform knows ("Asia/Shanghai", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The local calendar date and wall-clock time at `epochMs` in `timeZone`. */
function localParts(timeZone: string, epochMs: number) {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(epochMs)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return parts as { year: number; month: number; day: number; hour: number; minute: number };
}

/** The zone's offset from UTC at `epochMs`, in minutes (east positive). */
export function offsetMinutes(timeZone: string, epochMs: number): number {
  const p = localParts(timeZone, epochMs);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(epochMs / 60_000) * 60_000) / 60_000);
}

/** The instant (epoch minutes) the local day `year-month-day` begins in `timeZone`. */
function dayStart(timeZone: string, year: number, month: number, day: number): number {
  const midnightAsUtc = Date.UTC(year, month - 1, day) / 60_000;
  // Two passes: the offset at the guess can differ from the offset at the answer around DST.
  let guess = midnightAsUtc - offsetMinutes(timeZone, midnightAsUtc * 60_000);
  guess = midnightAsUtc - offsetMinutes(timeZone, guess * 60_000);
  // Where local midnight is skipped, the guess lands on the previous day: move to the first
  // minute of this day (ICU never skips more than an hour and a half).
  const p = localParts(timeZone, guess * 60_000);
  if (p.day !== day) {
    for (let step = 0; step < 180; step += 15) {
      const q = localParts(timeZone, (guess + step) * 60_000);
      if (q.day === day) return guess + step;
    }
  }
  return guess;
}

/**
 * The starts of the local days that cover [fromMs, toMs), and the end of the last one, as epoch
 * minutes: `n + 1` boundaries for `n` days.
 */
export function dayBoundaries(timeZone: string, fromMs: number, toMs: number): number[] {
  const first = localParts(timeZone, fromMs);
  const bounds = [dayStart(timeZone, first.year, first.month, first.day)];
  // Walk the calendar date by date (Date.UTC normalises the 32nd into the next month).
  for (let i = 1; bounds.at(-1)! * 60_000 < toMs; i++) {
    const next = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
    bounds.push(
      dayStart(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()),
    );
  }
  return bounds;
}
