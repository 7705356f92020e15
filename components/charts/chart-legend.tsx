import type { SeriesSpec } from "@/lib/charts/types";

import { CHART_COLORS, seriesColor } from "./colors";
import { Swatch, type SwatchKind } from "./swatch";

/**
 * The key of a chart, as HTML under it (readable in both themes, no SVG text to clip): one
 * swatch per series, then the expected value and band, spikes and releases when drawn.
 */
export function ChartLegend(props: {
  series: readonly SeriesSpec[];
  labels: { expected?: string; expectedRange?: string; spike?: string; release?: string };
}) {
  const { labels } = props;
  const marks: [string | undefined, string, SwatchKind][] = [
    [labels.expected, CHART_COLORS.expected, "dashed"],
    [labels.expectedRange, CHART_COLORS.band, "area"],
    [labels.spike, CHART_COLORS.spike, "area"],
    [labels.release, CHART_COLORS.release, "line"],
  ];
  return (
    <ul className="chart-legend">
      {props.series.map((spec) => (
        <li key={`series-${spec.key}`}>
          <Swatch color={seriesColor(spec.color)} />
          {spec.label}
        </li>
      ))}
      {marks.map(
        ([label, color, kind]) =>
          label && (
            <li key={`mark-${label}`}>
              <Swatch color={color} kind={kind} />
              {label}
            </li>
          ),
      )}
    </ul>
  );
}
