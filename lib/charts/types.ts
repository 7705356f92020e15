/**
 * The shapes the charts read: what the statistics API answers (GET /api/v1/series, /spikes,
 * /releases), reduced to the fields the charts use, so a response type satisfies them as it is.
 * Times from the API are ISO 8601 UTC strings; everything the shaping functions return is in
 * milliseconds since the epoch (UTC), which is what the chart's time axis plots.
 */

/** A bucket size the series API accepts. */
export type Interval = "1m" | "5m" | "1h" | "1d";

/** How far a bucket's verdict can be trusted (lib/stats/series.ts, BucketVerdict). */
export type Verdict = "settled" | "provisional" | "none";

/** One bucket of one code, as GET /api/v1/series answers it. */
export interface SeriesPointInput {
  /** Bucket start, ISO 8601 UTC. */
  t: string;
  /** Events in the bucket. */
  count: number;
  /** The detector's expected count for the bucket (0 when it has no verdict). */
  expected: number;
  /** The top of the expected band; null when there is no verdict. */
  upper: number | null;
  spike: boolean;
  verdict: Verdict;
}

export interface CodeSeriesInput {
  code: number;
  points: SeriesPointInput[];
}

/** GET /api/v1/series, the fields the charts read. */
export interface SeriesInput {
  interval: Interval;
  /** Start of the first bucket, ISO 8601 UTC. */
  from: string;
  /** End of the last bucket (exclusive), ISO 8601 UTC. */
  to: string;
  series: Iterable<CodeSeriesInput>;
}

/**
 * A spike interval of one code, from GET /api/v1/spikes or the `spikes` of GET /api/v1/series
 * (which has no verdict: it counts as settled).
 */
export interface SpikeInput {
  code: number;
  /** First minute of the spike, ISO 8601 UTC. */
  start: string;
  /** End of the spike (exclusive), ISO 8601 UTC. */
  end: string;
  verdict?: "settled" | "provisional";
  /** Still going at the end of the range. */
  ongoing?: boolean;
  peakPerMinute?: number;
  expectedPerMinute?: number;
}

/** A release: the first minute an app version appeared (GET /api/v1/releases). */
export interface ReleaseInput {
  appVersion: string;
  /** ISO 8601 UTC. */
  firstSeen: string;
}

/** A half-open span of time [from, to), ms since the epoch. */
export interface TimeRange {
  from: number;
  to: number;
}

/** One series' value in one bucket of a chart. */
export interface ChartCell {
  count: number;
  /** The detector's expected count; null where it has no verdict. */
  expected: number | null;
  /** The top of the expected band; null where there is no verdict or it cannot be summed. */
  upper: number | null;
  spike: boolean;
  verdict: Verdict;
}

/** One bucket of a chart: its span and one cell per series key. */
export interface ChartRow {
  /** Bucket start, ms since the epoch. */
  t: number;
  /** Bucket end (exclusive), ms: a `1d` bucket can be 23 or 25 hours long. */
  end: number;
  /** Where the chart plots the bucket: its middle, so a spike's shading covers its points. */
  x: number;
  cells: Record<string, ChartCell>;
}

/** A line or a stacked area of a chart. */
export interface SeriesSpec {
  /** Key into `ChartRow.cells`: a code ("50502"), a family ("network") or "other". */
  key: string;
  /** What the legend, tooltip and table call it. */
  label: string;
  /** Palette slot, 1..8 (`--chart-1`...`--chart-8` in app/globals.css). */
  color: number;
}

/** Everything a time-series chart plots, shaped by lib/charts/series.ts. */
export interface ChartData {
  interval: Interval;
  /** The x domain: the first bucket's start to the last bucket's end. */
  domain: TimeRange;
  series: SeriesSpec[];
  rows: ChartRow[];
}

/** A change against a base: by how much, and by what share of the base (null when it is 0). */
export interface Change {
  delta: number;
  ratio: number | null;
}
