import { sparkGeometry, type SparkPoint } from "@/lib/charts/sparkline";

import { CHART_COLORS, seriesColor } from "./colors";

export interface SparklineProps {
  /** From `sparkline()` (lib/charts/sparkline.ts): a few dozen points at most. */
  points: readonly SparkPoint[];
  /**
   * What it shows, for screen readers: the drawing is an image with this name, e.g.
   * "50502, last 24 hours: 1,234 events, up 320%". Say it in words; the shape is not read out.
   */
  label: string;
  width?: number;
  height?: number;
  /** Palette slot of the line (default 1). */
  color?: number;
}

/**
 * A tiny line of a code's counts for the top movers, in plain SVG (no chart library: a table of
 * twenty movers draws twenty). Spike points are dotted in the spike colour, the last point in
 * the line's colour.
 */
export function Sparkline({ points, label, width = 96, height = 24, color = 1 }: SparklineProps) {
  const geometry = sparkGeometry(points, { width, height, inset: 2 });
  const stroke = seriesColor(color);
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <path d={geometry.path} fill="none" stroke={stroke} strokeWidth={1.5} />
      {geometry.spikes.map((dot) => (
        <circle key={dot.x} cx={dot.x} cy={dot.y} r={2} fill={CHART_COLORS.spikeText} />
      ))}
      {geometry.last && <circle cx={geometry.last.x} cy={geometry.last.y} r={1.75} fill={stroke} />}
    </svg>
  );
}
