/**
 * `npm run bench:detector-curve`: the trade-off between quiet and quick. For each setting of the
 * burst gate and each sensitivity: F1 and false alerts on the real files (all ten Twitter, and
 * the taxi file), against the certificate-expiry delay on the synthetic series at every volume
 * (median and 95th percentile of the worst volume). The chosen default is marked.
 *
 *   --seeds N     spreadings per real file (default 5)
 *   --series N    synthetic backgrounds per volume (default 100, report seeds)
 */
import { parseArgs } from "node:util";

import type { DetectorOptions } from "../../lib/detect";
import { emptyTally, evaluateBackground, type Tally } from "../detector/evaluate";
import type { ScenarioName } from "../detector/traffic";
import { VOLUMES } from "../detector/volumes";
import { HELD_OUT_FILES, loadSeries, TAXI_FILE, TUNING_FILES } from "./dataset";
import { median, scoreFile, total } from "./harness";
import { rates } from "./score";

const { values: args } = parseArgs({
  options: {
    seeds: { type: "string", default: "5" },
    series: { type: "string", default: "100" },
  },
});
const SEEDS = Array.from({ length: Number(args.seeds) }, (_, i) => 1 + i);
const SERIES = Number(args.series);
/** The synthetic harness's report seeds (bench/detector/run.ts). */
const SEED_BASE = 1_000_000;

const SETTINGS: Array<{ label: string; options: DetectorOptions }> = [
  { label: "gateRatio 0 (no gate)", options: { gateRatio: 0 } },
  {
    label: "short windows only, unclipped residuals (the default before the long window)",
    options: { dispersionClip: 0, gateMassMinutes: 0, gateSplitMidnight: false, gateDays: 14 },
  },
  {
    label: "gateDays 14 (the default before four weeks of burst memory)",
    options: { gateDays: 14 },
  },
  { label: "gateDays 21", options: { gateDays: 21 } },
  { label: "gateDays 42", options: { gateDays: 42 } },
  { label: "gateRatio 1", options: { gateRatio: 1 } },
  { label: "gateRatio 1.5", options: { gateRatio: 1.5 } },
  { label: "**gateRatio 2, gateDays 28 (medium, the default)**", options: {} },
  { label: "gateRatio 3", options: { gateRatio: 3 } },
  { label: "gateRatio 5", options: { gateRatio: 5 } },
  { label: "gateRatio 2, minSpikeExcess 5", options: { minSpikeExcess: 5 } },
  { label: "gateRatio 2, minSpikeExcess 10", options: { minSpikeExcess: 10 } },
  { label: "gateRatio 2, minSpikeExcess 20", options: { minSpikeExcess: 20 } },
  { label: "gateMassRatio 1.25", options: { gateMassRatio: 1.25 } },
  { label: "gateMassRatio 2", options: { gateMassRatio: 2 } },
  { label: "sensitivity high", options: { sensitivity: "high" } },
  { label: "sensitivity low", options: { sensitivity: "low" } },
];

const twitter = [...TUNING_FILES, ...HELD_OUT_FILES].map((file) => loadSeries(file));
const taxi = loadSeries(TAXI_FILE);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** Worst median and worst 95th percentile of the cert-expiry delay over the volumes, and recall. */
function certExpiry(options: DetectorOptions) {
  let worstMedian = 0;
  let worstP95 = 0;
  let worstRecall = 1;
  VOLUMES.forEach((volume, v) => {
    const tallies = new Map<ScenarioName, Tally>();
    const only = { ...volume, scenarios: ["cert-expiry"] as ScenarioName[] };
    for (let j = 0; j < SERIES; j++) {
      evaluateBackground(SEED_BASE + v * 10_000 + j, only, options, tallies);
    }
    const t = tallies.get("cert-expiry") ?? emptyTally();
    worstMedian = Math.max(worstMedian, quantile(t.delays, 0.5));
    worstP95 = Math.max(worstP95, quantile(t.delays, 0.95));
    worstRecall = Math.min(worstRecall, t.detected / t.series);
  });
  return { worstMedian, worstP95, worstRecall };
}

console.log(
  `Trade-off: real series (median of ${SEEDS.length} spreadings) against synthetic cert-expiry ` +
    `delay (${SERIES} report series per volume, worst volume)\n`,
);
console.log(
  "| setting | Twitter F1 | Twitter recall | false alerts / series-week | taxi false alerts / week | cert-expiry recall | cert-expiry delay median / p95 (min) |",
);
console.log("|---|---|---|---|---|---|---|");
for (const { label, options } of SETTINGS) {
  const all = total(twitter.map((series) => scoreFile(series, SEEDS, options)));
  const taxiScores = scoreFile(taxi, SEEDS, options);
  const cert = certExpiry(options);
  console.log(
    `| ${label} | ${median(all.map((s) => rates(s).f1)).toFixed(2)} | ` +
      `${median(all.map((s) => rates(s).recall)).toFixed(2)} | ` +
      `${median(all.map((s) => s.falseAlerts / s.seriesWeeks)).toFixed(2)} | ` +
      `${median(taxiScores.map((s) => s.falseAlerts / s.seriesWeeks)).toFixed(2)} | ` +
      `${cert.worstRecall.toFixed(3)} | ${cert.worstMedian} / ${cert.worstP95} |`,
  );
}
console.log(
  "\nAbout a dozen labelled windows after warm-up: one window is ~8 points of recall; read the F1 column as coarse.",
);
