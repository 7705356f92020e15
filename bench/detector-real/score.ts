/**
 * The scoring protocol of `data/README.md` (after NAB's): windows found, false alerts, delays.
 *
 * - The first `warmupMinutes` are not scored; a window counts only when it starts after them
 *   (one that straddles the warm-up is neither found nor missed, and flags inside it are no
 *   false alerts).
 * - A window is found when any minute inside it is flagged; its delay is the minutes from its
 *   start to that first flag.
 * - A false alert is a run of flagged minutes outside every window that starts more than 30
 *   minutes after the previous flagged minute.
 */
export const WARMUP_MINUTES = 7 * 1_440;
/** Flags closer than this to the previous flag continue the same alert. */
export const FALSE_ALERT_GAP = 30;
const WEEK = 10_080;

export interface Score {
  windows: number;
  found: number;
  falseAlerts: number;
  /** Scored minutes / one week. */
  seriesWeeks: number;
  /** Minutes from each found window's start to its first flagged minute. */
  delays: number[];
}

/**
 * `flagged[i]` is minute `startMinute + i`; `windows` are [first, last] UTC minutes, inclusive.
 */
export function scoreFlags(
  flagged: ArrayLike<number>,
  startMinute: number,
  windows: ReadonlyArray<readonly [number, number]>,
  warmupMinutes = WARMUP_MINUTES,
): Score {
  const scoredFrom = startMinute + warmupMinutes;
  const inWindow = (minute: number) => windows.some(([from, to]) => minute >= from && minute <= to);
  const score: Score = {
    windows: 0,
    found: 0,
    falseAlerts: 0,
    seriesWeeks: Math.max(0, flagged.length - warmupMinutes) / WEEK,
    delays: [],
  };
  for (const [from, to] of windows) {
    if (from < scoredFrom) continue;
    score.windows++;
    for (let minute = from; minute <= to && minute - startMinute < flagged.length; minute++) {
      if (flagged[minute - startMinute]) {
        score.found++;
        score.delays.push(minute - from);
        break;
      }
    }
  }
  let previousFlag = Number.NEGATIVE_INFINITY;
  for (let i = warmupMinutes; i < flagged.length; i++) {
    if (!flagged[i]) continue;
    const minute = startMinute + i;
    if (!inWindow(minute) && minute - previousFlag > FALSE_ALERT_GAP) score.falseAlerts++;
    previousFlag = minute;
  }
  return score;
}

/** Precision, recall and F1 of a score (NaN where undefined). */
export function rates(score: Pick<Score, "windows" | "found" | "falseAlerts">) {
  const precision = score.found / (score.found + score.falseAlerts);
  const recall = score.found / score.windows;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
