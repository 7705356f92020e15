/**
 * Chart data from a series response: the busiest codes as lines, or codes summed per family as
 * stacked areas. Every series has a cell in every bucket of the range (lib/charts/buckets.ts).
 */
import { CODE_FAMILIES } from "../catalog/types";
import { bucketSpans, fillGaps, sumCells, type BucketSpan } from "./buckets";
import type { ChartCell, ChartData, ChartRow, SeriesInput, SeriesSpec } from "./types";

/** Series colours: palette slots 1..8, and 0 for "other" and "unknown" (a neutral grey). */
export const PALETTE_SIZE = 8;
export const NEUTRAL_COLOR = 0;

interface DenseCode {
  code: number;
  cells: ChartCell[];
  total: number;
}

/** The buckets of `input`'s range and each code's cells in them. */
export function denseCodes(
  input: SeriesInput,
  timeZone: string,
): { spans: BucketSpan[]; codes: DenseCode[] } {
  const range = { from: Date.parse(input.from), to: Date.parse(input.to) };
  const spans = bucketSpans(range, input.interval, timeZone);
  const codes = [...input.series].map(({ code, points }) => {
    const cells = fillGaps(points, spans);
    return { code, cells, total: cells.reduce((sum, cell) => sum + cell.count, 0) };
  });
  return { spans, codes };
}

function chartData(
  input: SeriesInput,
  spans: BucketSpan[],
  columns: { spec: SeriesSpec; cells: ChartCell[] }[],
): ChartData {
  const rows = spans.map((span, i): ChartRow => {
    const cells: Record<string, ChartCell> = {};
    for (const column of columns) cells[column.spec.key] = column.cells[i]!;
    return { t: span.t, end: span.end, x: span.t + (span.end - span.t) / 2, cells };
  });
  const domain =
    spans.length > 0
      ? { from: spans[0]!.t, to: spans[spans.length - 1]!.end }
      : { from: Date.parse(input.from), to: Date.parse(input.to) };
  return { interval: input.interval, domain, series: columns.map((c) => c.spec), rows };
}

/** Sums cell by cell: one cell per bucket. */
function sumColumns(columns: ChartCell[][], length: number): ChartCell[] {
  return Array.from({ length }, (_, i) => sumCells(columns.map((cells) => cells[i]!)));
}

/**
 * The codes of `input` as lines: with `codes`, exactly those in that order (a code the response
 * lacks is all zeros); otherwise the `limit` busiest (default 8; by total, ties by code), and
 * with `other` the rest summed as one more series, key "other" labelled `otherLabel`. Series
 * keys and labels are the codes as strings; colours follow the order.
 */
export function codeLines(
  input: SeriesInput,
  options: {
    timeZone: string;
    codes?: readonly number[];
    limit?: number;
    other?: boolean;
    otherLabel?: string;
  },
): ChartData {
  const { spans, codes } = denseCodes(input, options.timeZone);
  const byCode = new Map(codes.map((entry) => [entry.code, entry]));
  const ranked = options.codes
    ? options.codes.map(
        (code) => byCode.get(code) ?? { code, cells: fillGaps([], spans), total: 0 },
      )
    : [...codes].sort((a, b) => b.total - a.total || a.code - b.code);
  const limit = options.codes ? ranked.length : Math.max(0, options.limit ?? 8);
  const shown = ranked.slice(0, limit);
  const columns = shown.map((entry, i) => ({
    spec: { key: String(entry.code), label: String(entry.code), color: (i % PALETTE_SIZE) + 1 },
    cells: entry.cells,
  }));
  const rest = ranked.slice(limit);
  if (options.other && rest.length > 0) {
    columns.push({
      spec: { key: "other", label: options.otherLabel ?? "other", color: NEUTRAL_COLOR },
      cells: sumColumns(
        rest.map((entry) => entry.cells),
        spans.length,
      ),
    });
  }
  return chartData(input, spans, columns);
}

/**
 * The codes of `input` summed per family (`familyOf`; a code it does not know is "unknown"),
 * for stacked areas: one series per family that has a code in the response, in catalogue order
 * (CODE_FAMILIES, then "unknown"), so a family keeps its place and colour from chart to chart.
 * Keys are family names, labelled from `labels` (e.g. t.family) or the key.
 */
export function familyStacks(
  input: SeriesInput,
  options: {
    timeZone: string;
    familyOf: (code: number) => string | undefined;
    labels?: Readonly<Record<string, string>>;
  },
): ChartData {
  const { spans, codes } = denseCodes(input, options.timeZone);
  const members = new Map<string, ChartCell[][]>();
  for (const entry of codes) {
    const family = options.familyOf(entry.code) ?? "unknown";
    members.set(family, [...(members.get(family) ?? []), entry.cells]);
  }
  const order: string[] = [...CODE_FAMILIES, "unknown"];
  const families = [...members.keys()].sort(
    (a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b),
  );
  const columns = families.map((family) => {
    const slot = CODE_FAMILIES.indexOf(family as (typeof CODE_FAMILIES)[number]);
    return {
      spec: {
        key: family,
        label: options.labels?.[family] ?? family,
        color: slot < 0 ? NEUTRAL_COLOR : (slot % PALETTE_SIZE) + 1,
      },
      cells: sumColumns(members.get(family)!, spans.length),
    };
  });
  return chartData(input, spans, columns);
}

function rank(order: string[], key: string): number {
  const index = order.indexOf(key);
  return index < 0 ? order.length : index;
}
