/** Detector settings. One configuration serves every volume; sensitivity picks a preset. */

export type Sensitivity = "low" | "medium" | "high";

export interface DetectorSettings {
  /**
   * Per-minute tail probability (negative binomial) a count must fall below to be a candidate;
   * it sets the `upper` band together with the ratio and excess rules.
   */
  tail: number;
  /**
   * A spike needs the product of the `persistNeed` smallest candidate tail probabilities among the
   * last `persistWindow` minutes (the current one included) to fall below this: joint evidence,
   * so two moderately unusual minutes in a row count as much as one extreme one.
   */
  jointTail: number;
  /** Each minute's tail probability counts at most down to this in the joint product. */
  tailFloor: number;
  /** A candidate's count must be at least this multiple of the expected count... */
  minRatio: number;
  /** ...and exceed it by at least this many events (keeps near-zero codes quiet). */
  minExcess: number;
  /**
   * Prior overdispersion of per-minute counts (variance = mu + alpha·mu²); each code's own is
   * learned from its residuals, shrunk towards this with `dispersionPriorWeight` (in mu² units).
   */
  alpha: number;
  dispersionPriorWeight: number;
  /**
   * Residuals enter the learned dispersion clipped at this many standard deviations of the
   * current model (0 = unclipped), so a surge's aftermath does not widen the band for a week.
   */
  dispersionClip: number;
  /** Weeks of history the seasonal (hour-of-week) profile averages over. */
  weeks: number;
  /** Minutes of recent history the level factor compares with the seasonal profile. */
  levelMinutes: number;
  /** Prior weight, in events, pulling the level factor towards 1 on sparse codes. */
  levelPrior: number;
  /** A spike needs `persistNeed` candidate minutes among the last `persistWindow` (see jointTail). */
  persistNeed: number;
  persistWindow: number;
  /** Below this many minutes of history nothing is flagged (a code there from the project's start). */
  minHistoryMinutes: number;
  /**
   * Prior for a code new to a project that was already reporting: its expected rate starts at `unseenRate` events a minute,
   * weighted as `unseenPriorMinutes` minutes of data, so a first trickle (a few events a minute)
   * stays quiet while a jump to tens a minute is flagged in its first minutes.
   */
  unseenRate: number;
  unseenPriorMinutes: number;
  /** Without a full week of history: ratio multiplied and tail divided by these (conservative). */
  warmupRatioFactor: number;
  warmupTailFactor: number;
  /** A surge that lasts longer than this becomes the new normal (level shift). */
  maxExcludedMinutes: number;
  /**
   * Burst gate: a spike must start with an excess over the noise band (the `gateTail` quantile)
   * of some window of `gateWindows` minutes (ascending, at most 60) ending now larger than
   * `gateRatio` × the code's ordinary burst over that window: the `gateRank`-th largest daily
   * excess of the last `gateDays` days. Codes with recurring bursts (a bot, a daily batch, news)
   * are judged against them; a quiet code's ordinary burst is ~0, so its gate is open.
   */
  gateWindows: number[];
  /**
   * A further gate window for long surges: the exponentially weighted excess with a mean age of
   * this many minutes (0 = none), judged against its own ordinary daily burst like the others.
   */
  gateMassMinutes: number;
  /**
   * The long window opens the gate at `gateMassRatio` × its ordinary burst (the same at every
   * sensitivity): a day's largest hours-long excess varies less from day to day than its
   * largest few minutes', so a smaller multiple of it is already news.
   */
  gateMassRatio: number;
  /**
   * A day's burst leaves out what a window carries over from the day before, so one incident
   * across a midnight is one ordinary burst, not two.
   */
  gateSplitMidnight: boolean;
  /**
   * A spike must also start with at least this many events above the expected count over the
   * last `persistWindow` minutes (0 = no such floor). Quiets tiny bursts on near-zero codes, at
   * the cost of slower verdicts on real surges of low-volume codes (bench:detector-curve).
   */
  minSpikeExcess: number;
  gateTail: number;
  gateRatio: number;
  gateRank: number;
  gateDays: number;
}

const BASE: DetectorSettings = {
  tail: 1e-2,
  jointTail: 1e-7,
  tailFloor: 1e-4,
  minRatio: 4,
  minExcess: 2,
  alpha: 0.1,
  dispersionPriorWeight: 200,
  dispersionClip: 3,
  weeks: 4,
  levelMinutes: 120,
  levelPrior: 10,
  persistNeed: 2,
  persistWindow: 3,
  minHistoryMinutes: 60,
  unseenRate: 0.1,
  unseenPriorMinutes: 60,
  warmupRatioFactor: 3,
  warmupTailFactor: 0.01,
  maxExcludedMinutes: 240,
  gateWindows: [2, 10],
  gateMassMinutes: 120,
  gateMassRatio: 1.5,
  gateSplitMidnight: true,
  minSpikeExcess: 0,
  gateTail: 1e-3,
  gateRatio: 2,
  gateRank: 2,
  // As long as the seasonal profile remembers (`weeks`): a code that had bursts of a size on two
  // days of the last four weeks has them, whether they were 10 days ago or 20. With 14 days, a
  // rare code's bursts two to three weeks after a few days of bursts were news again: both false
  // alerts of the real tuning files (CVS; bench:detector-real, docs/detection.md).
  gateDays: 28,
};

const PRESETS: Record<Sensitivity, Partial<DetectorSettings>> = {
  low: { jointTail: 1e-10, tailFloor: 1e-6, minRatio: 6, minExcess: 4, gateRatio: 3 },
  medium: {},
  high: {
    jointTail: 1e-5,
    tailFloor: 1e-3,
    minRatio: 3,
    minExcess: 2,
    gateRatio: 1.25,
    gateRank: 3,
  },
};

export const DEFAULT_SETTINGS: Readonly<DetectorSettings> = Object.freeze({ ...BASE });

export function resolveSettings(
  input: Partial<DetectorSettings> & { sensitivity?: Sensitivity } = {},
): DetectorSettings {
  const { sensitivity = "medium", ...overrides } = input;
  const settings = { ...BASE, ...PRESETS[sensitivity], ...overrides };
  if (settings.persistNeed > settings.persistWindow || settings.persistWindow > 16) {
    throw new RangeError("persistNeed must be ≤ persistWindow ≤ 16");
  }
  if (!(settings.tail > 0 && settings.tail < 1)) throw new RangeError("tail must be in (0, 1)");
  if (settings.weeks < 1) throw new RangeError("weeks must be ≥ 1");
  if (!(settings.gateMassMinutes === 0 || settings.gateMassMinutes >= 2)) {
    throw new RangeError("gateMassMinutes must be 0 (none) or at least 2");
  }
  if (!(settings.dispersionClip >= 0)) throw new RangeError("dispersionClip must be ≥ 0");
  const windows = settings.gateWindows;
  if (
    windows.length === 0 ||
    windows.some(
      (w, i) => !Number.isInteger(w) || w < 1 || w > 60 || (i > 0 && w <= windows[i - 1]!),
    )
  ) {
    throw new RangeError("gateWindows must be ascending whole minutes from 1 to 60");
  }
  return settings;
}
