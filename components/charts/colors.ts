/**
 * Chart colours as CSS variables (app/globals.css), so a chart follows the page's light or dark
 * theme without re-rendering, and a server render paints the right colours from the start.
 */
import { NEUTRAL_COLOR } from "@/lib/charts/series";

/** The colour of palette slot `slot` (1..8; 0 is the neutral grey of "other" and "unknown"). */
export function seriesColor(slot: number): string {
  return slot === NEUTRAL_COLOR ? "var(--chart-neutral)" : `var(--chart-${slot})`;
}

export const CHART_COLORS = {
  text: "var(--muted)",
  grid: "var(--border)",
  expected: "var(--chart-expected)",
  band: "var(--chart-band)",
  spike: "var(--chart-spike)",
  spikeText: "var(--chart-spike-text)",
  release: "var(--chart-release)",
} as const;
