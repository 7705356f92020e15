/**
 * What a chart's tooltip says about one bucket: per series its count, the expected count, and
 * the change against it (and against the bucket before, when asked), as the reader reads them.
 */
import type { Locale } from "../i18n/messages";
import { bucketLabel, changeLabel, countLabel, expectedLabel } from "./labels";
import type { Change, ChartCell, ChartData, Verdict } from "./types";

/** `value` against `base`. */
export function change(value: number, base: number): Change {
  return { delta: value - base, ratio: base === 0 ? null : (value - base) / base };
}

/** The numbers of one cell: null where there is nothing to compare with. */
export interface PointSummary {
  count: number;
  expected: number | null;
  vsExpected: Change | null;
  vsPrevious: Change | null;
  spike: boolean;
  verdict: Verdict;
}

/** The numbers of `cell`, compared with its expected value and with `previousCount` if given. */
export function pointSummary(cell: ChartCell, previousCount?: number | null): PointSummary {
  return {
    count: cell.count,
    expected: cell.expected,
    vsExpected: cell.expected === null ? null : change(cell.count, cell.expected),
    vsPrevious: previousCount == null ? null : change(cell.count, previousCount),
    spike: cell.spike,
    verdict: cell.verdict,
  };
}

/** One series in the tooltip, every number formatted. */
export interface TooltipEntry {
  key: string;
  label: string;
  color: number;
  count: string;
  /** null where the detector has no expected value. */
  expected: string | null;
  vsExpected: string | null;
  vsPrevious: string | null;
  spike: boolean;
  verdict: Verdict;
}

export interface TooltipContent {
  /** The bucket: "Nov 26, 14:00 – 14:05". */
  title: string;
  /** Busiest first. */
  entries: TooltipEntry[];
}

/**
 * The tooltip of bucket `index` of `data`, or null when there is no such bucket. With
 * `previous`, each entry also compares with the bucket before (none for the first bucket).
 */
export function tooltipContent(
  data: ChartData,
  index: number,
  options: { timeZone: string; locale: Locale; previous?: boolean },
): TooltipContent | null {
  const row = data.rows[index];
  if (!row) return null;
  const before = options.previous ? data.rows[index - 1] : undefined;
  const { locale } = options;
  const entries = data.series.flatMap((spec): TooltipEntry[] => {
    const cell = row.cells[spec.key];
    if (!cell) return [];
    const summary = pointSummary(cell, before?.cells[spec.key]?.count);
    return [
      {
        key: spec.key,
        label: spec.label,
        color: spec.color,
        count: countLabel(summary.count, locale),
        expected: summary.expected === null ? null : expectedLabel(summary.expected, locale),
        vsExpected: summary.vsExpected && changeLabel(summary.vsExpected, locale),
        vsPrevious: summary.vsPrevious && changeLabel(summary.vsPrevious, locale),
        spike: summary.spike,
        verdict: summary.verdict,
      },
    ];
  });
  entries.sort((a, b) => row.cells[b.key]!.count - row.cells[a.key]!.count);
  return { title: bucketLabel(row, data.interval, options.timeZone, locale), entries };
}
