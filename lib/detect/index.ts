export { SpikeDetector, MINUTES_PER_WEEK } from "./detector";
export type { MinuteVerdict, DetectorOptions, DetectorSnapshot } from "./detector";
export { continueSeries, detectSeries, spikeIntervals, INTERVAL_MERGE_GAP } from "./series";
export type { SeriesVerdicts, SpikeInterval } from "./series";
export { rollUp, rollUpToBounds } from "./rollup";
export type { Bucket, RolledSeries } from "./rollup";
export { DEFAULT_SETTINGS, resolveSettings } from "./settings";
export type { DetectorSettings, Sensitivity } from "./settings";
export { nbTail, nbUpperCount } from "./negative-binomial";
