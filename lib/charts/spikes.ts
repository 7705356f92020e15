/**
 * Spike shading: the spike intervals of a range as shaded areas of a chart. Spikes of several
 * codes at once (a certificate expiry lifts 50502, 50503 and 12003 together) become one area
 * labelled with their codes, not a pile of translucent layers; each area keeps its spikes for
 * the tooltip and the data table.
 */
import type { SpikeInput, TimeRange } from "./types";

/** One spike of one code, in ms, as far as it lies within the chart. */
export interface SpikeMember {
  code: number;
  /** The spike's own start and end (not clipped), ms since the epoch. */
  start: number;
  end: number;
  provisional: boolean;
  ongoing: boolean;
}

export interface SpikeArea {
  /** The shaded span on the x axis, ms, within the domain. */
  x1: number;
  x2: number;
  /** The codes shaded, in order of their first spike's start (ties: lower code first). */
  codes: number[];
  /** "50502", "50502, 50503", "50502, 50503, 12003 +2". */
  label: string;
  /** Every spike in the area, by start. */
  spikes: SpikeMember[];
  /** Some spike of the area may still change (judged on the spot, late events may come). */
  provisional: boolean;
  /** Some spike of the area is still going on. */
  ongoing: boolean;
  /** A spike of the area began before the domain, or ends after it. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

export interface SpikeAreaOptions {
  /** Only these codes (the ones on the chart); all when absent. */
  codes?: Iterable<number>;
  /**
   * Narrowest shading, ms: a one-minute spike on a 30-day chart is wider than a pixel only if
   * widened (and then merges with any area it reaches). Default 0.
   */
  minWidthMs?: number;
  /** How many codes a label names before "+n". Default 3. */
  maxLabelCodes?: number;
}

/**
 * The shaded areas for `spikes` on a chart of `domain`: each spike clipped to the domain
 * (spikes wholly outside it are left out), widened to `minWidthMs` around its middle (still
 * within the domain), and spikes that overlap or touch, of any codes, merged into one area.
 * Ascending and disjoint. A spike without a verdict counts as settled; one whose end is not
 * after its start counts as one minute long.
 */
export function spikeAreas(
  spikes: readonly SpikeInput[],
  domain: TimeRange,
  options: SpikeAreaOptions = {},
): SpikeArea[] {
  const only = options.codes ? new Set(options.codes) : null;
  const minWidth = Math.min(options.minWidthMs ?? 0, domain.to - domain.from);
  const pieces: { x1: number; x2: number; member: SpikeMember }[] = [];
  for (const spike of spikes) {
    if (only && !only.has(spike.code)) continue;
    const start = Date.parse(spike.start);
    const parsedEnd = Date.parse(spike.end);
    const end = parsedEnd > start ? parsedEnd : start + 60_000;
    let x1 = Math.max(start, domain.from);
    let x2 = Math.min(end, domain.to);
    if (!(x1 < x2)) continue;
    if (x2 - x1 < minWidth) {
      x1 = Math.max(domain.from, (x1 + x2 - minWidth) / 2);
      x2 = Math.min(domain.to, x1 + minWidth);
      x1 = x2 - minWidth;
    }
    const member: SpikeMember = {
      code: spike.code,
      start,
      end,
      provisional: spike.verdict === "provisional",
      ongoing: spike.ongoing === true,
    };
    pieces.push({ x1, x2, member });
  }
  pieces.sort(
    (a, b) => a.x1 - b.x1 || a.member.start - b.member.start || a.member.code - b.member.code,
  );

  const areas: SpikeArea[] = [];
  let current: { x1: number; x2: number; members: SpikeMember[] } | null = null;
  for (const piece of pieces) {
    if (current && piece.x1 <= current.x2) {
      current.x2 = Math.max(current.x2, piece.x2);
      current.members.push(piece.member);
      continue;
    }
    if (current) areas.push(toArea(current, domain, options.maxLabelCodes ?? 3));
    current = { x1: piece.x1, x2: piece.x2, members: [piece.member] };
  }
  if (current) areas.push(toArea(current, domain, options.maxLabelCodes ?? 3));
  return areas;
}

function toArea(
  group: { x1: number; x2: number; members: SpikeMember[] },
  domain: TimeRange,
  maxLabelCodes: number,
): SpikeArea {
  const byStart = [...group.members].sort((a, b) => a.start - b.start || a.code - b.code);
  const codes = [...new Set(byStart.map((member) => member.code))];
  const named = codes.slice(0, Math.max(1, maxLabelCodes)).join(", ");
  const rest = codes.length - Math.max(1, maxLabelCodes);
  return {
    x1: group.x1,
    x2: group.x2,
    codes,
    label: rest > 0 ? `${named} +${rest}` : named,
    spikes: byStart,
    provisional: byStart.some((member) => member.provisional),
    ongoing: byStart.some((member) => member.ongoing),
    clippedStart: byStart.some((member) => member.start < domain.from),
    clippedEnd: byStart.some((member) => member.end > domain.to),
  };
}
