/**
 * Time-axis ticks on boundaries a reader expects in their own zone: whole minutes, hours, days,
 * Mondays, months of the wall clock, as many as fit the chart's width.
 */
import { instantToWall, wallExists, wallToInstant } from "../time/time-zone";
import type { TimeRange } from "./types";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export type TickUnit = "minute" | "hour" | "day" | "week" | "month";

/** A tick spacing: `count` units of `unit`. */
export interface TickStep {
  unit: TickUnit;
  count: number;
}

/**
 * What a tick's label shows: "time" (14:00), "day" (Nov 26: a day's first tick, or every tick
 * of a day or week step), "month" (Nov 2026).
 */
export type TickKind = "time" | "day" | "month";

export interface TimeTick {
  /** ms since the epoch. */
  t: number;
  kind: TickKind;
}

/** The spacings tried, finest first. Minute and hour counts divide a day, so ticks fall on the clock. */
export const TICK_STEPS: readonly TickStep[] = [
  { unit: "minute", count: 1 },
  { unit: "minute", count: 5 },
  { unit: "minute", count: 10 },
  { unit: "minute", count: 15 },
  { unit: "minute", count: 30 },
  { unit: "hour", count: 1 },
  { unit: "hour", count: 2 },
  { unit: "hour", count: 3 },
  { unit: "hour", count: 6 },
  { unit: "hour", count: 12 },
  { unit: "day", count: 1 },
  { unit: "day", count: 2 },
  { unit: "week", count: 1 },
  { unit: "month", count: 1 },
  { unit: "month", count: 3 },
  { unit: "month", count: 6 },
  { unit: "month", count: 12 },
];

const UNIT_MS: Record<TickUnit, number> = {
  minute: MINUTE,
  hour: HOUR,
  day: DAY,
  week: 7 * DAY,
  month: 30.44 * DAY,
};

/** Room for one tick label: "11月26日" or "Nov 26" at the axis font with space around it. */
export const MIN_TICK_SPACING_PX = 72;

/** How many ticks fit an axis `widthPx` wide: at least 2. */
export function maxTicksForWidth(widthPx: number, spacingPx = MIN_TICK_SPACING_PX): number {
  return Math.max(2, Math.floor(widthPx / spacingPx));
}

/** The first wall time at or after `wall` on a boundary of `step`, and the one after a boundary. */
function stepper(step: TickStep): { first(wall: number): number; next(wall: number): number } {
  if (step.unit === "minute" || step.unit === "hour") {
    const size = step.count * UNIT_MS[step.unit];
    return { first: (wall) => Math.ceil(wall / size) * size, next: (wall) => wall + size };
  }
  if (step.unit === "day" || step.unit === "week") {
    // Day 0 of the epoch was a Thursday; weeks begin on Monday (ISO 8601), epoch day 4.
    const [size, phase] = step.unit === "week" ? [7, 4] : [step.count, 0];
    return {
      first(wall) {
        const day = Math.ceil(wall / DAY);
        return (day + ((((phase - day) % size) + size) % size)) * DAY;
      },
      next: (wall) => wall + size * DAY,
    };
  }
  const months = step.count;
  return {
    first(wall) {
      const date = new Date(wall);
      let month = date.getUTCFullYear() * 12 + date.getUTCMonth();
      if (wall > Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)) month += 1;
      month += (months - (month % months)) % months;
      return Date.UTC(Math.floor(month / 12), month % 12, 1);
    },
    next(wall) {
      const date = new Date(wall);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
    },
  };
}

/**
 * The ticks of `step` within `domain` (both ends included) in `timeZone`, at most `limit`
 * (more returns null). Minute and hour ticks skip wall times the clocks jump over and show a
 * repeated hour once; a day whose midnight is skipped starts at its first instant.
 */
export function ticksOf(
  step: TickStep,
  domain: TimeRange,
  timeZone: string,
  limit = Infinity,
): TimeTick[] | null {
  const { first, next } = stepper(step);
  const subDay = step.unit === "minute" || step.unit === "hour";
  const ticks: TimeTick[] = [];
  for (let wall = first(instantToWall(domain.from, timeZone)); ; wall = next(wall)) {
    const t = wallToInstant(wall, timeZone);
    if (t > domain.to) return ticks;
    if (subDay && !wallExists(wall, timeZone)) continue;
    if (t < domain.from || (ticks.length > 0 && t <= ticks[ticks.length - 1]!.t)) continue;
    if (ticks.length === limit) return null;
    const kind: TickKind =
      step.unit === "month" ? "month" : subDay && wall % DAY !== 0 ? "time" : "day";
    ticks.push({ t, kind });
  }
}

/**
 * Ticks for a time axis over `domain` in `timeZone`: the finest step of TICK_STEPS that gives
 * at most `maxTicks` ticks and is no finer than `minStepMs` (a chart of hourly buckets gets no
 * 5-minute ticks). When that step leaves fewer than two ticks (17 days, room for 2: no month
 * begins within them), every other (third...) tick of the step before it instead. Every tick
 * lies within the domain, ascending. With the step, for labels.
 */
export function timeTicks(
  domain: TimeRange,
  options: { timeZone: string; maxTicks: number; minStepMs?: number },
): { step: TickStep; ticks: TimeTick[] } {
  const span = domain.to - domain.from;
  const maxTicks = Math.max(1, options.maxTicks);
  const last = TICK_STEPS[TICK_STEPS.length - 1]!;
  if (!(span >= 0) || !Number.isFinite(span)) return { step: last, ticks: [] };
  let tooMany: TickStep | null = null;
  for (const step of TICK_STEPS) {
    const size = step.count * UNIT_MS[step.unit];
    // Nominal sizes ignore daylight saving and month lengths: estimate first, then count.
    if (size < (options.minStepMs ?? 0) || span / size > maxTicks * 1.2 + 1) continue;
    const ticks = ticksOf(step, domain, options.timeZone, maxTicks);
    if (!ticks) {
      tooMany = step;
      continue;
    }
    if (ticks.length >= Math.min(2, maxTicks) || !tooMany) return { step, ticks };
    return { step: tooMany, ticks: thin(ticksOf(tooMany, domain, options.timeZone)!, maxTicks) };
  }
  const ticks = ticksOf(tooMany ?? last, domain, options.timeZone)!;
  return { step: tooMany ?? last, ticks: thin(ticks, maxTicks) };
}

/** Every k-th of `ticks`, from the first, for at most `maxTicks`. */
function thin(ticks: TimeTick[], maxTicks: number): TimeTick[] {
  const every = Math.ceil(ticks.length / maxTicks);
  return ticks.filter((_, i) => i % every === 0);
}
