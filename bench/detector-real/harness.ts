/** Scoring the detector over the real files: per file and seed, summed per group, medians. */
import { detectSeries, type DetectorOptions } from "../../lib/detect";
import { spreadOverMinutes, type RealSeries } from "./dataset";
import { scoreFlags, type Score } from "./score";

/** Scores of one file with `options`, one per spreading seed. */
export function scoreFile(series: RealSeries, seeds: number[], options: DetectorOptions): Score[] {
  return seeds.map((seed) => {
    const counts = spreadOverMinutes(series, seed);
    const verdicts = detectSeries(counts, series.startMinute, options);
    return scoreFlags(verdicts.spike, series.startMinute, series.windows);
  });
}

/** Median of the values that are numbers; NaN when none are. */
export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Per seed, the files' scores summed (`scores[file][seed]`). */
export function total(scores: Score[][]): Score[] {
  return scores[0]!.map((_, k) =>
    scores.reduce<Score>(
      (sum, file) => ({
        windows: sum.windows + file[k]!.windows,
        found: sum.found + file[k]!.found,
        falseAlerts: sum.falseAlerts + file[k]!.falseAlerts,
        seriesWeeks: sum.seriesWeeks + file[k]!.seriesWeeks,
        delays: [...sum.delays, ...file[k]!.delays],
      }),
      { windows: 0, found: 0, falseAlerts: 0, seriesWeeks: 0, delays: [] },
    ),
  );
}
