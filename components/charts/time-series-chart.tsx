"use client";

import { useCallback, useId, useMemo } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";

import { useI18n } from "@/components/providers";
import { INTERVAL_MS } from "@/lib/charts/intervals";
import { compactCountLabel, tickLabel } from "@/lib/charts/labels";
import { releaseMarkers } from "@/lib/charts/releases";
import { spikeAreas } from "@/lib/charts/spikes";
import { maxTicksForWidth, timeTicks } from "@/lib/charts/ticks";
import { bucketEvents, tooltipContent } from "@/lib/charts/tooltip";
import type { ChartData, ChartRow, ReleaseInput, SpikeInput } from "@/lib/charts/types";

import { ChartLegend } from "./chart-legend";
import { ChartTable } from "./chart-table";
import { ChartTooltip } from "./chart-tooltip";
import { CHART_COLORS, seriesColor } from "./colors";
import { useElementWidth } from "./use-element-width";

export interface TimeSeriesChartProps {
  /** What to plot: `codeLines` or `familyStacks` (lib/charts/series.ts) of a series response. */
  data: ChartData;
  /**
   * The viewer's IANA zone (e.g. "Asia/Shanghai"): ticks, labels and the table read in it. Use
   * the zone the series was asked for (`tz`), which is where its `1d` buckets begin.
   */
  timeZone: string;
  /** What the chart shows ("50502, events per 5 minutes"): its caption and the table's. */
  title: string;
  /** Show the title above the chart (default), or only to screen readers (the page has a heading). */
  showTitle?: boolean;
  /** Lines (default), or areas stacked on one another (families). */
  variant?: "lines" | "stacked";
  /** The series whose expected value (dashed line) and expected range (band) to draw. */
  bandKey?: string;
  /** Spike intervals to shade: GET /api/v1/spikes, or the `spikes` of the series response. */
  spikes?: readonly SpikeInput[];
  /** Shade only the spikes of these codes (default: every spike given). */
  spikeCodes?: Iterable<number>;
  /** Releases to mark: GET /api/v1/releases. */
  releases?: readonly ReleaseInput[];
  /** Height of the plot in px (default 280). */
  height?: number;
  /** Compare each bucket with the one before in the tooltip (default: when one series is drawn). */
  comparePrevious?: boolean;
  /** Open the data table at first (default closed). */
  defaultTableOpen?: boolean;
}

// Room above the plot for release labels, and right of it for the last tick label.
const MARGIN = { top: 20, right: 24, bottom: 4, left: 4 };
/** Room the y axis takes, roughly, for tick counts and spike widths before the chart lays out. */
const Y_AXIS_PX = 56;
/** Spike shading is at least this wide, so a one-minute spike shows on a month. */
const MIN_SPIKE_PX = 3;
/** Release lines stand at least this far apart, so their labels do not overlap. */
const RELEASE_GAP_PX = 64;
const TICK = { fill: CHART_COLORS.text, fontSize: 12 };

/**
 * The one time-series chart of the dashboard (recharts): lines or stacked areas per series, an
 * optional expected band, spike shading and release markers with labels, a tooltip with counts,
 * expected values and changes, axes on the viewer's clock, and a data table as its text
 * alternative. Colours are CSS variables, so it reads in the light and the dark theme. It takes
 * the width of its container; on the server it renders the caption, legend and table only.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { data, timeZone, title, variant = "lines", bandKey, height = 280 } = props;
  const { locale, t } = useI18n();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const titleId = useId();

  const plotWidth = Math.max(1, width - Y_AXIS_PX - MARGIN.left - MARGIN.right);
  const msPerPx = (data.domain.to - data.domain.from) / plotWidth;
  const { spikes, spikeCodes, releases } = props;
  const areas = useMemo(
    () =>
      spikeAreas(spikes ?? [], data.domain, {
        codes: spikeCodes,
        minWidthMs: width > 0 ? MIN_SPIKE_PX * msPerPx : 0,
      }),
    [spikes, spikeCodes, data.domain, width, msPerPx],
  );
  const markers = useMemo(
    () =>
      releaseMarkers(releases ?? [], data.domain, {
        minGapMs: width > 0 ? RELEASE_GAP_PX * msPerPx : 0,
      }),
    [releases, data.domain, width, msPerPx],
  );
  const ticks = useMemo(
    () =>
      timeTicks(data.domain, {
        timeZone,
        maxTicks: maxTicksForWidth(plotWidth),
        minStepMs: INTERVAL_MS[data.interval],
      }).ticks,
    [data.domain, data.interval, timeZone, plotWidth],
  );
  const tickLabels = useMemo(
    () => new Map(ticks.map((tick) => [tick.t, tickLabel(tick, timeZone, locale)])),
    [ticks, timeZone, locale],
  );

  const band = bandKey !== undefined && data.series.some((spec) => spec.key === bandKey);
  const previous = props.comparePrevious ?? data.series.length === 1;
  const bandRange = useCallback(
    (row: ChartRow) => {
      const cell = bandKey === undefined ? undefined : row.cells[bandKey];
      return cell && cell.expected !== null && cell.upper !== null
        ? [cell.expected, cell.upper]
        : null;
    },
    [bandKey],
  );
  const renderTooltip = useCallback(
    ({ active, activeIndex }: TooltipContentProps) => {
      const index = Number(activeIndex);
      const content = active ? tooltipContent(data, index, { timeZone, locale, previous }) : null;
      if (!content) return null;
      const events = bucketEvents(data.rows[index]!, areas, markers);
      return <ChartTooltip content={content} events={events} previous={previous} t={t.chart} />;
    },
    [data, timeZone, locale, previous, areas, markers, t],
  );

  const empty = data.series.length === 0 || data.rows.length === 0;
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption
        id={titleId}
        className={props.showTitle === false ? "visually-hidden" : "chart-title"}
      >
        {title}
      </figcaption>
      {empty ? (
        <p className="chart-empty">{t.chart.noData}</p>
      ) : (
        <div ref={ref} className="chart-plot" style={{ height }}>
          {width > 0 && (
            <ComposedChart
              width={width}
              height={height}
              data={data.rows}
              margin={MARGIN}
              title={title}
              desc={t.chart.keyboardHint}
            >
              <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
              <XAxis
                dataKey="x"
                type="number"
                domain={[data.domain.from, data.domain.to]}
                allowDataOverflow
                ticks={ticks.map((tick) => tick.t)}
                interval={0}
                tickFormatter={(value: number) => tickLabels.get(value) ?? ""}
                tick={TICK}
                stroke={CHART_COLORS.grid}
              />
              <YAxis
                width="auto"
                allowDecimals={false}
                tickFormatter={(value: number) => compactCountLabel(value, locale)}
                tick={TICK}
                axisLine={false}
                tickLine={false}
              />
              {areas.map((area) => (
                <ReferenceArea
                  key={`${area.x1}-${area.label}`}
                  x1={area.x1}
                  x2={area.x2}
                  ifOverflow="hidden"
                  fill={CHART_COLORS.spike}
                  fillOpacity={area.provisional ? 0.1 : 0.2}
                  stroke={area.provisional ? CHART_COLORS.spike : "none"}
                  strokeDasharray={area.provisional ? "3 3" : undefined}
                  label={{
                    value: area.provisional ? `${area.label} ?` : area.label,
                    position: "insideTop",
                    fill: CHART_COLORS.spikeText,
                    fontSize: 11,
                  }}
                />
              ))}
              {band && (
                <Area
                  dataKey={bandRange}
                  name={t.chart.expectedRange}
                  stroke="none"
                  fill={CHART_COLORS.band}
                  fillOpacity={0.3}
                  isAnimationActive={false}
                  activeDot={false}
                  legendType="none"
                />
              )}
              {band && (
                <Line
                  dataKey={`cells.${bandKey}.expected`}
                  name={t.chart.expected}
                  stroke={CHART_COLORS.expected}
                  strokeDasharray="5 4"
                  strokeWidth={1.5}
                  dot={false}
                  activeDot={false}
                  isAnimationActive={false}
                />
              )}
              {data.series.map((spec) =>
                variant === "stacked" ? (
                  <Area
                    key={spec.key}
                    dataKey={`cells.${spec.key}.count`}
                    name={spec.label}
                    stackId="stack"
                    type="linear"
                    stroke={seriesColor(spec.color)}
                    fill={seriesColor(spec.color)}
                    fillOpacity={0.35}
                    isAnimationActive={false}
                  />
                ) : (
                  <Line
                    key={spec.key}
                    dataKey={`cells.${spec.key}.count`}
                    name={spec.label}
                    type="linear"
                    stroke={seriesColor(spec.color)}
                    strokeWidth={2}
                    dot={false}
                    isAnimationActive={false}
                  />
                ),
              )}
              {markers.map((marker) => (
                <ReferenceLine
                  key={marker.x}
                  x={marker.x}
                  stroke={CHART_COLORS.release}
                  strokeDasharray="2 3"
                  label={{
                    value: marker.label,
                    position: "top",
                    fill: CHART_COLORS.text,
                    fontSize: 11,
                  }}
                />
              ))}
              <Tooltip
                content={renderTooltip}
                cursor={{ stroke: CHART_COLORS.grid }}
                isAnimationActive={false}
              />
            </ComposedChart>
          )}
        </div>
      )}
      <ChartLegend
        series={data.series}
        labels={{
          expected: band ? t.chart.expected : undefined,
          expectedRange: band ? t.chart.expectedRange : undefined,
          spike: areas.length > 0 ? t.chart.spike : undefined,
          release: markers.length > 0 ? t.chart.release : undefined,
        }}
      />
      {!empty && (
        <ChartTable
          data={data}
          title={title}
          timeZone={timeZone}
          locale={locale}
          t={t.chart}
          bandKey={band ? bandKey : undefined}
          spikes={areas}
          releases={markers}
          defaultOpen={props.defaultTableOpen}
        />
      )}
    </figure>
  );
}
