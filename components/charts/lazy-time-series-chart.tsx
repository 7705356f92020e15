"use client";

import { useEffect, useState } from "react";

import type { TimeSeriesChartProps } from "./time-series-chart";

type ChartModule = typeof import("./time-series-chart");

let loaded: ChartModule | undefined;
const load = () =>
  import("./time-series-chart").then((module) => {
    loaded = module;
    return module;
  });

// Fetched as soon as a page that may draw a chart runs, not when its data is in: otherwise the
// chunk's download starts only after the answers.
if (typeof window !== "undefined") void load();

/**
 * TimeSeriesChart (same props and output, see there) with recharts in a chunk of its own,
 * fetched while the page's first requests are in flight: recharts is 40% of the dashboard's
 * JavaScript (first load 298 KiB gzipped with it, 179 KiB without; bench:dashboard, see
 * docs/performance.md). A skeleton of the chart's height until the chunk is in.
 *
 * Not React.lazy: a lazy component suspends on its first render even when its chunk is already
 * in, and React holds a revealed Suspense boundary back ~300 ms, which measured as a chart drawn
 * 0.43 s after its data.
 */
export function LazyTimeSeriesChart(props: TimeSeriesChartProps) {
  const [chart, setChart] = useState<ChartModule | undefined>(loaded);
  useEffect(() => {
    if (!chart) void load().then(setChart);
  }, [chart]);
  if (!chart) {
    return (
      <div
        className="skeleton chart-loading"
        style={{ height: props.height ?? 280 }}
        aria-hidden="true"
      />
    );
  }
  return <chart.TimeSeriesChart {...props} />;
}
