/**
 * Sparklines for the top movers: a code's counts over the range in a few dozen points, and the
 * SVG geometry to draw them without a chart library (a table of twenty movers draws twenty).
 */

/** One point of a sparkline: the events of one or more consecutive buckets. */
export interface SparkPoint {
  count: number;
  /** Some bucket of the point was a spike. */
  spike: boolean;
}

/**
 * `points` (API points or chart cells, in time order) in at most `maxPoints` points (default
 * 48): consecutive buckets summed in groups of equal size (the last may be shorter), so the
 * total is kept. Empty for no points.
 */
export function sparkline(
  points: readonly { count: number; spike: boolean }[],
  maxPoints = 48,
): SparkPoint[] {
  const size = Math.max(1, Math.ceil(points.length / Math.max(1, maxPoints)));
  const result: SparkPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const group = points.slice(i, i + size);
    result.push({
      count: group.reduce((sum, point) => sum + point.count, 0),
      spike: group.some((point) => point.spike),
    });
  }
  return result;
}

export interface SparkGeometry {
  /** SVG path data of the line ("M0,20L5,18…"), "" for no points. */
  path: string;
  /** Where the spike points are, to mark them. */
  spikes: { x: number; y: number }[];
  /** The last point, to mark "now". */
  last: { x: number; y: number } | null;
  /** The largest count: the top of the drawing (at least 1, so zeros lie on the bottom line). */
  max: number;
}

/**
 * The drawing of `points` in a `width` × `height` box, `inset` px from every edge (so the line
 * and its dots are not cut off): x evenly spaced, y from 0 at the bottom to the largest count
 * at the top. One point draws a flat line across the box.
 */
export function sparkGeometry(
  points: readonly SparkPoint[],
  box: { width: number; height: number; inset?: number },
): SparkGeometry {
  const inset = box.inset ?? 2;
  const max = Math.max(1, ...points.map((point) => point.count));
  const innerWidth = box.width - 2 * inset;
  const innerHeight = box.height - 2 * inset;
  const xOf = (i: number) =>
    inset + (points.length > 1 ? (i * innerWidth) / (points.length - 1) : innerWidth / 2);
  const yOf = (count: number) => inset + innerHeight - (count / max) * innerHeight;
  const round = (n: number) => Math.round(n * 100) / 100;
  const coords = points.map((point, i) => ({ x: round(xOf(i)), y: round(yOf(point.count)) }));
  let path = coords.map((c, i) => `${i === 0 ? "M" : "L"}${c.x},${c.y}`).join("");
  if (coords.length === 1) {
    path = `M${inset},${coords[0]!.y}L${round(box.width - inset)},${coords[0]!.y}`;
  }
  return {
    path,
    spikes: coords.filter((_, i) => points[i]!.spike),
    last: coords[coords.length - 1] ?? null,
    max,
  };
}
