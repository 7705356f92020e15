/**
 * The onset of a surge, from the code's per-minute counts: a step (from the baseline to half the
 * peak within two minutes: a certificate's notAfter second, a deploy), a ramp (rising over many
 * minutes: phones meeting a middlebox, a release spreading, clocks drifting) or a burst (up at
 * once and back down within minutes). Pure; docs/diagnosis.md, "Onset".
 *
 * The series should start some minutes before the surge window (a lead-in at the baseline's
 * rate): a window that opens on an already high rate says nothing about how the rise began.
 */

export type OnsetShape = "step" | "ramp" | "burst";

export interface OnsetReading {
  shape: OnsetShape;
  /** Index in the series of the first minute of the rise. */
  firstIndex: number;
  /** Minutes from the first minute of the rise to the first at half its top (0: the same). */
  minutesToHalfPeak: number;
  /** Minutes from the first minute of the rise to its top (to the last minute, if still rising). */
  minutesToPeak: number;
  /** The peak, in events a minute (the highest 3-minute mean), the baseline included. */
  peakPerMinute: number;
}

/** A step reaches half its top within this many minutes of its first minute. */
export const STEP_MINUTES = 2;
/** No shape for a peak under this many events a minute above the baseline. */
export const MIN_PEAK_EXCESS = 3;
/** No shape for a rise of fewer events than this above the baseline, in all. */
export const MIN_RISE_EXCESS = 10;
/** A burst is at half its peak or more for at most this many minutes from its first... */
const BURST_MINUTES = 5;
/** ...then below a quarter of the peak for at least this many, to the end of the series. */
const SETTLED_MINUTES = 3;
/** A step is read only when it fits better than every rise this slow to half its top... */
const SLOW_MINUTES = 5;
/** ...a ramp only when it fits better than every one this fast... */
const SHARP_MINUTES = 1;
/** ...by this many times the counts' variance (Poisson: their mean): else no shape. */
const SIGNIFICANCE = 3;
/** What a jump before a ramp costs the fit, in variances (its extra parameter, as in AIC). */
const JUMP_COST = 2;
/** The fitted rise may start from this many minutes before the change point to one after... */
const LEAD_MINUTES = 5;
/** ...and is fitted over at most this many minutes: a slower one is a ramp anyway. */
const FIT_MINUTES = 240;

/**
 * The onset of the surge in `counts` (events of each minute, oldest first) against the
 * baseline's rate (events a minute), or null when the series does not show one clearly: a peak
 * within the baseline's noise, a rise of fewer than `MIN_RISE_EXCESS` events, a rise that began
 * before the series (its first minute is already high), or one that noise leaves ambiguous.
 *
 * How: the peak is the highest 3-minute mean above the baseline. The rise's change point is
 * where the cumulative count above the baseline plus a slack (a tenth of the peak) is lowest
 * before half the peak (CUSUM: noise before it averages out). Over the minutes from a few
 * before it to the last at half the peak, rises `a + b·min(1, (t + 1) / R)` (a jump of `a`,
 * then a ramp over `R` minutes; nothing above the baseline before them) from each possible
 * first minute (up to one after the change point) are fitted by least squares, every minute
 * counting, so one noisy minute of a low-volume code does not decide. The best fit gives the
 * minutes to half the top: within `STEP_MINUTES` a step, or a burst when the series is back
 * below a quarter of the peak within `BURST_MINUTES` of the first minute and stays there; more,
 * a ramp. The best fit must beat the best of the clearly other kind (half the top after
 * `SLOW_MINUTES` or more against a step, within `SHARP_MINUTES` against a ramp) by more than
 * `SIGNIFICANCE` times the counts' variance (Poisson: their mean), else no shape: noise could
 * have made either.
 */
export function classifyOnset(
  counts: readonly number[],
  baselinePerMinute: number,
): OnsetReading | null {
  const n = counts.length;
  if (n === 0) return null;
  const base = Math.max(0, baselinePerMinute);
  const excess = counts.map((c) => Math.max(0, c - base));
  const smooth = excess.map((_, i) => {
    const from = Math.max(0, i - 1);
    const to = Math.min(n - 1, i + 1);
    let sum = 0;
    for (let j = from; j <= to; j++) sum += excess[j]!;
    return sum / (to - from + 1);
  });
  const peak = Math.max(...smooth);
  // Four standard deviations of a 3-minute mean of Poisson counts at the baseline's rate.
  if (peak < Math.max(MIN_PEAK_EXCESS, 4 * Math.sqrt(base / 3))) return null;

  const half = smooth.findIndex((s) => s >= peak / 2);
  // The change point (the 3-minute mean reaches half a minute early: it may be half + 1).
  const slack = peak / 10;
  let cumulative = 0;
  let lowest = 0;
  let first = 0;
  for (let i = 0; i <= half && i < n - 1; i++) {
    cumulative += counts[i]! - base - slack;
    if (cumulative <= lowest) {
      lowest = cumulative;
      first = i + 1;
    }
  }
  // Already high at the series' first minute: the rise is older than the series.
  if (first === 0 && excess[0]! >= peak / 4) return null;
  let last = Math.max(first, half);
  for (let i = last; i < n; i++) if (smooth[i]! >= peak / 2) last = i;

  // A slow ramp's first minutes are within the noise: it may start before the change point.
  const from = Math.max(0, first - LEAD_MINUTES);
  const segment = counts.slice(from, Math.min(last + 1, first + FIT_MINUTES));
  const after = segment.slice(first - from);
  const variance = Math.max(1, after.reduce((a, c) => a + c, 0) / after.length);
  const fits = fitRises(
    segment.map((c) => c - base),
    first - from,
    variance,
  );
  if (fits.length === 0) return null;
  const best = fits.reduce((a, b) => (b.gain > a.gain + 1e-9 ? b : a));
  // The first minute: the fit's, or the change point if earlier (a rise that begins late in a
  // minute fits best from the next, but has begun).
  const start = Math.min(from + best.start, first);
  const toHalf = best.toHalf + (from + best.start - start);
  const fast = toHalf <= STEP_MINUTES;
  const rival = fits
    .filter((f) => (fast ? f.toHalf >= SLOW_MINUTES : f.toHalf <= SHARP_MINUTES))
    .reduce((a, b) => (b.gain > a.gain ? b : a), { gain: 0 });
  if (best.gain - rival.gain <= SIGNIFICANCE * variance) return null;

  let rise = 0;
  for (let i = start; i < n; i++) rise += counts[i]! - base;
  if (rise < MIN_RISE_EXCESS) return null;
  // Back below a quarter of the peak for good, after the 3-minute mean's tail.
  const settled =
    n - 2 - last >= SETTLED_MINUTES && smooth.slice(last + 2).every((s) => s < peak / 4);
  const shape: OnsetShape = !fast
    ? "ramp"
    : settled && last - start + 1 <= BURST_MINUTES
      ? "burst"
      : "step";
  return {
    shape,
    firstIndex: start,
    minutesToHalfPeak: toHalf,
    minutesToPeak: best.toTop + (from + best.start - start),
    peakPerMinute: Math.round((peak + base) * 10) / 10,
  };
}

interface Fit {
  /** Index in the segment of the rise's first minute. */
  start: number;
  /** Minutes from it to the first at half the fitted top, and to the top. */
  toHalf: number;
  toTop: number;
  /** How much of the segment's sum of squares the rise explains: Σy² minus its error. */
  gain: number;
}

/**
 * Least-squares fits of `a + b·min(1, (t + 1) / R)` from minute `start` (nothing above the
 * baseline before it) to `excess`: for each `start` from 0 to `changePoint` + 1 and each `R`
 * from 1 minute to the rest of the segment (a longer ramp is still rising at the end: the same
 * shape), the pure ramp (a = 0) and, for R > 1, the jump and ramp, its gain less `JUMP_COST`
 * variances. Fits with a < 0 are left out (the pure ramp does better).
 */
function fitRises(excess: readonly number[], changePoint: number, variance: number): Fit[] {
  const fits: Fit[] = [];
  for (let start = 0; start <= Math.min(changePoint + 1, excess.length - 1); start++) {
    const length = excess.length - start;
    for (let minutes = 1; minutes <= length; minutes++) {
      let sy = 0;
      let sg = 0;
      let sgg = 0;
      let sgy = 0;
      for (let t = 0; t < length; t++) {
        const g = Math.min(1, (t + 1) / minutes);
        const y = excess[start + t]!;
        sy += y;
        sg += g;
        sgg += g * g;
        sgy += g * y;
      }
      const top = Math.min(1, length / minutes);
      const timing = (a: number, b: number) => {
        const end = a + b * top;
        // The first minute where a + b·g(t) ≥ end / 2, g(t) = (t + 1) / R before the top.
        const toHalf =
          a >= end / 2 || b <= 0 ? 0 : Math.max(0, Math.ceil(((end / 2 - a) / b) * minutes) - 1);
        const toTop = b <= 0 ? 0 : Math.min(minutes, length) - 1;
        return { toHalf, toTop };
      };
      // The pure ramp: b = Σgy / Σgg.
      if (sgy > 0) fits.push({ start, gain: (sgy * sgy) / sgg, ...timing(0, sgy / sgg) });
      // The jump and ramp: the normal equations of [1, g].
      const det = length * sgg - sg * sg;
      if (minutes > 1 && det > 1e-9) {
        const a = (sgg * sy - sg * sgy) / det;
        const b = (length * sgy - sg * sy) / det;
        if (a >= 0) {
          fits.push({ start, gain: a * sy + b * sgy - JUMP_COST * variance, ...timing(a, b) });
        }
      }
    }
  }
  return fits;
}
