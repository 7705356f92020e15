/**
 * Minute verdicts summed per UTC hour: what `detector_hour` stores and hourly or daily charts
 * read. Sums, not averages, so hours add up to days exactly as minutes add up to hours.
 */
import type { SeriesVerdicts } from "../detect";

export const MINUTES_PER_HOUR = 60;

export interface HourTotals {
  /** UTC minute the hour starts at. */
  hour: number;
  count: number;
  expected: number;
  /** Sum of the minutes' upper bounds; Infinity while any minute had no verdict. */
  upper: number;
  spikeMinutes: number;
  /** Highest count among the spike minutes (-1 when none), and the expected count there. */
  peak: number;
  peakExpected: number;
}

function emptyHour(hour: number): HourTotals {
  return { hour, count: 0, expected: 0, upper: 0, spikeMinutes: 0, peak: -1, peakExpected: 0 };
}

/** Adds `part` (a sum over other minutes of the same bucket) into `into`. */
function addTotals(into: HourTotals, part: Omit<HourTotals, "hour">): void {
  into.count += part.count;
  into.expected += part.expected;
  into.upper += part.upper;
  into.spikeMinutes += part.spikeMinutes;
  if (part.peak > into.peak) {
    into.peak = part.peak;
    into.peakExpected = part.peakExpected;
  }
}

/**
 * Totals of the verdicts from `fromIndex` on, by hour (partial hours at either end cover only
 * the minutes given), in time order.
 */
export function hourTotals(verdicts: SeriesVerdicts, fromIndex = 0): HourTotals[] {
  const hours: HourTotals[] = [];
  let current: HourTotals | undefined;
  for (let i = fromIndex; i < verdicts.counts.length; i++) {
    const minute = verdicts.startMinute + i;
    const hour = minute - (((minute % MINUTES_PER_HOUR) + MINUTES_PER_HOUR) % MINUTES_PER_HOUR);
    if (current?.hour !== hour) hours.push((current = emptyHour(hour)));
    const spike = verdicts.spike[i] === 1;
    addTotals(current, {
      count: verdicts.counts[i]!,
      expected: verdicts.expected[i]!,
      upper: verdicts.upper[i]!,
      spikeMinutes: spike ? 1 : 0,
      peak: spike ? verdicts.counts[i]! : -1,
      peakExpected: verdicts.expected[i]!,
    });
  }
  return hours;
}
