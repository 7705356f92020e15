/**
 * What a chart's tooltip says about one bucket: per series its count, the expected count, and
 * the change against it (and against the bucket before, when asked), as the reader reads them.
 */
import type { Locale } from "../i18n/messages";
import type { BucketSpan } from "./buckets";
import { bucketLabel, changeLabel, countLabel, expectedLabel } from "./labels";
import type { ReleaseMarker } from "./releases";
import type { SpikeArea } from "./spikes";
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

/** What else happened in a bucket: the codes spiking in it, the versions first seen in it. */
export interface BucketEvents {
  spikes: { code: number; provisional: boolean; ongoing: boolean }[];
  releases: string[];
}

/**
 * The spikes (from `areas`, by their own spans, not the widened shading) that overlap `span`,
 * one entry per code, provisional or ongoing when any of its spikes there is; and the versions of
 * `markers` first seen within `span`.
 */
export function bucketEvents(
  span: BucketSpan,
  areas: readonly SpikeArea[],
  markers: readonly ReleaseMarker[],
): BucketEvents {
  const byCode = new Map<number, { code: number; provisional: boolean; ongoing: boolean }>();
  for (const area of areas) {
    for (const spike of area.spikes) {
      if (spike.start >= span.end || spike.end <= span.t) continue;
      const seen = byCode.get(spike.code);
      byCode.set(spike.code, {
        code: spike.code,
        provisional: spike.provisional || (seen?.provisional ?? false),
        ongoing: spike.ongoing || (seen?.ongoing ?? false),
      });
    }
  }
  const releases = markers
    .flatMap((marker) => marker.versions)
    .filter((version) => version.firstSeen >= span.t && version.firstSeen < span.end)
    .map((version) => version.appVersion);
  return { spikes: [...byCode.values()], releases };
}
