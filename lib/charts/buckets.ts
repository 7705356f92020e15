/**
 * Buckets of a chart: their spans over a range, and a series' points laid into them densely.
 * The series API already answers every bucket; laying points into buckets again keeps a chart
 * right when a response lacks some (a newer API, a merged response) or has them at other
 * instants, and gives each bucket its end (a `1d` bucket is 23 to 25 hours).
 */
import { INTERVAL_MS } from "./intervals";
import { addDays, startOfDay } from "../time/time-zone";
import type { ChartCell, Interval, SeriesPointInput, TimeRange, Verdict } from "./types";

/** A bucket [t, end), ms since the epoch. */
export interface BucketSpan {
  t: number;
  end: number;
}

/**
 * The buckets of `interval` covering `range`, widened to whole buckets as the series API does:
 * `1m`, `5m` and `1h` aligned to UTC (an hour is a UTC hour); `1d` from midnight to midnight in
 * `timeZone`, so 23 or 25 hours long on a day the clocks change. Ascending and contiguous;
 * empty when the range is empty or not finite.
 */
export function bucketSpans(range: TimeRange, interval: Interval, timeZone: string): BucketSpan[] {
  const spans: BucketSpan[] = [];
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to) || range.from >= range.to) {
    return spans;
  }
  if (interval === "1d") {
    for (let t = startOfDay(range.from, timeZone); t < range.to;) {
      const end = addDays(t, 1, timeZone);
      spans.push({ t, end });
      t = end;
    }
    return spans;
  }
  const step = INTERVAL_MS[interval];
  const last = Math.ceil(range.to / step) * step;
  for (let t = Math.floor(range.from / step) * step; t < last; t += step) {
    spans.push({ t, end: t + step });
  }
  return spans;
}

/** The index of the span of `spans` (ascending, contiguous) that holds `ms`, or -1. */
export function spanIndex(spans: readonly BucketSpan[], ms: number): number {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid]!;
    if (ms < span.t) high = mid - 1;
    else if (ms >= span.end) low = mid + 1;
    else return mid;
  }
  return -1;
}

/** A bucket with no point: no events, no verdict. */
export function emptyCell(): ChartCell {
  return { count: 0, expected: null, upper: null, spike: false, verdict: "none" };
}

const TRUST: Record<Verdict, number> = { none: 0, provisional: 1, settled: 2 };

/**
 * Several cells of one bucket as one (codes of a family, finer buckets): counts and expected
 * values add up (expected values are means, and means add); an upper bound does not (the band of
 * a sum is not the sum of the bands), so a sum has none. Its verdict is the least trusted of the
 * parts that have one ("none" when no part has one); it is a spike when any part is.
 */
export function sumCells(cells: readonly ChartCell[]): ChartCell {
  if (cells.length === 1) return { ...cells[0]! };
  const sum = emptyCell();
  for (const cell of cells) {
    sum.count += cell.count;
    sum.spike ||= cell.spike;
    if (cell.expected !== null) sum.expected = (sum.expected ?? 0) + cell.expected;
    if (
      cell.verdict !== "none" &&
      (sum.verdict === "none" || TRUST[cell.verdict] < TRUST[sum.verdict])
    ) {
      sum.verdict = cell.verdict;
    }
  }
  return sum;
}

/** An API point as a cell: no expected value where the detector has no verdict. */
export function cellOf(point: SeriesPointInput): ChartCell {
  const judged = point.verdict !== "none" && point.upper !== null;
  return {
    count: point.count,
    expected: judged ? point.expected : null,
    upper: judged ? point.upper : null,
    spike: point.spike,
    verdict: judged ? point.verdict : "none",
  };
}

/**
 * `points` laid into `spans`: one cell per span, in order. A span without a point is an empty
 * cell (the API leaves out no bucket, so a missing one had no events); points outside every span
 * are dropped; several points in one span (finer buckets) are summed (`sumCells`).
 */
export function fillGaps(
  points: readonly SeriesPointInput[],
  spans: readonly BucketSpan[],
): ChartCell[] {
  const parts: ChartCell[][] = Array.from(spans, () => []);
  for (const point of points) {
    const index = spanIndex(spans, Date.parse(point.t));
    if (index >= 0) parts[index]!.push(cellOf(point));
  }
  return parts.map((cells) => (cells.length === 0 ? emptyCell() : sumCells(cells)));
}
