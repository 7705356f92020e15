/**
 * What the dashboard shows, held in the URL so a link shows a colleague the same view, a reload
 * restores it and back/forward step through changes: project, range (a preset that ends now,
 * or custom from/to), interval (chosen from the range unless overridden), time zone, dimension
 * filters, chosen codes, and the chart's mode. Pure parsing and writing here (tested); the hook
 * that reads and pushes the URL is use-view.ts. Defaults are left out of the URL.
 */
import {
  chooseInterval,
  presetRange,
  RANGE_PRESETS,
  type RangePreset,
} from "@/lib/charts/intervals";
import type { Interval } from "@/lib/charts/types";

export const DIMENSIONS = [
  "appVersion",
  "osVersion",
  "apiLevel",
  "platform",
  "network",
  "carrier",
  "region",
  "host",
  "remoteIp",
  "exception",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type RangeChoice = RangePreset | "custom";
export type ChartMode = "lines" | "stacked";

export interface DashboardView {
  project: string;
  range: RangeChoice;
  /** Only with range "custom": epoch ms. */
  from?: number;
  to?: number;
  /** An interval the reader chose; absent: the range's default. */
  interval?: Interval;
  /** The zone times and days are shown in; absent: the viewer's own. */
  tz?: string;
  filters: Partial<Record<Dimension, string[]>>;
  codes?: number[];
  mode: ChartMode;
}

export const DEFAULT_RANGE: RangePreset = "24h";
const INTERVALS: readonly Interval[] = ["1m", "5m", "1h", "1d"];
const MAX_CUSTOM_MS = 400 * 86_400_000;

const isPreset = (value: string | null): value is RangePreset =>
  value !== null && Object.hasOwn(RANGE_PRESETS, value);

/** A time in the URL: ISO 8601 (what links carry), or epoch ms. */
function instant(value: string | null): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The view a URL's query describes, for `fallbackProject` when it names none; anything the URL
 * gets wrong falls back to its default rather than failing the page.
 */
export function parseView(params: URLSearchParams, fallbackProject: string): DashboardView {
  const from = instant(params.get("from"));
  const to = instant(params.get("to"));
  const custom =
    params.get("range") === "custom" &&
    from !== undefined &&
    to !== undefined &&
    from < to &&
    to - from <= MAX_CUSTOM_MS;
  const range: RangeChoice = custom
    ? "custom"
    : isPreset(params.get("range"))
      ? (params.get("range") as RangePreset)
      : DEFAULT_RANGE;
  const interval = params.get("interval");
  const filters: DashboardView["filters"] = {};
  for (const dimension of DIMENSIONS) {
    const values = params
      .get(dimension)
      ?.split(",")
      .map((v) => v.trim())
      .filter(Boolean);
    if (values?.length) filters[dimension] = [...new Set(values)].slice(0, 50);
  }
  const codes = params
    .get("codes")
    ?.split(",")
    .filter((c) => /^\d{1,9}$/.test(c))
    .map(Number);
  return {
    project: params.get("project") || fallbackProject,
    range,
    ...(custom ? { from, to } : {}),
    ...(interval && (INTERVALS as readonly string[]).includes(interval)
      ? { interval: interval as Interval }
      : {}),
    ...(params.get("tz") ? { tz: params.get("tz")! } : {}),
    filters,
    ...(codes?.length ? { codes: [...new Set(codes)].slice(0, 64) } : {}),
    mode: params.get("mode") === "stacked" ? "stacked" : "lines",
  };
}

/** The URL query of `view`: only what differs from the defaults, in a stable order. */
export function serializeView(view: DashboardView): URLSearchParams {
  const params = new URLSearchParams();
  params.set("project", view.project);
  if (view.range !== DEFAULT_RANGE) params.set("range", view.range);
  if (view.range === "custom" && view.from !== undefined && view.to !== undefined) {
    params.set("from", new Date(view.from).toISOString());
    params.set("to", new Date(view.to).toISOString());
  }
  if (view.interval) params.set("interval", view.interval);
  if (view.tz) params.set("tz", view.tz);
  for (const dimension of DIMENSIONS) {
    const values = view.filters[dimension];
    if (values?.length) params.set(dimension, values.join(","));
  }
  if (view.codes?.length) params.set("codes", view.codes.join(","));
  if (view.mode !== "lines") params.set("mode", view.mode);
  return params;
}

/** The instants a view covers at `nowMs`: a preset ends with the current minute. */
export function windowOf(view: DashboardView, nowMs: number): { from: number; to: number } {
  if (view.range === "custom") return { from: view.from!, to: view.to! };
  return presetRange(view.range, nowMs);
}

/** The interval to chart the view at, and those the reader may switch to. */
export function intervalOf(view: DashboardView, nowMs: number) {
  return chooseInterval(windowOf(view, nowMs), view.interval ?? null);
}

/** Whether the view ends now, so its data refreshes by itself. */
export const isLive = (view: DashboardView) => view.range !== "custom";
