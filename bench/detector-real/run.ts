/**
 * `npm run bench:detector-real`: the spike detector on real, human-labelled count series (NAB's
 * Twitter volumes and New York taxi passengers, `data/`), scored as `score.ts` says. The pure
 * detector runs in-process on per-minute counts; every figure is the median over `--seeds`
 * random spreadings of the buckets over their minutes.
 *
 *   --seeds N          spreadings per file (default 5)
 *   --sensitivity S    low | medium | high (default: the detector's default)
 *   --settings JSON    detector setting overrides, for tuning (on the tuning files only)
 *   --quiet            totals only
 *   --tuning-only      the five tuning files only (what a tuning sweep may look at)
 */
import { parseArgs } from "node:util";

import type { DetectorOptions, Sensitivity } from "../../lib/detect";
import { HELD_OUT_FILES, loadSeries, TAXI_FILE, TUNING_FILES } from "./dataset";
import { median, scoreFile, total } from "./harness";
import { rates, type Score } from "./score";

const { values: args } = parseArgs({
  options: {
    seeds: { type: "string", default: "5" },
    sensitivity: { type: "string" },
    settings: { type: "string", default: "{}" },
    quiet: { type: "boolean", default: false },
    "tuning-only": { type: "boolean", default: false },
  },
});
const SEEDS = Array.from({ length: Number(args.seeds) }, (_, i) => 1 + i);
const OPTIONS: DetectorOptions = {
  ...(JSON.parse(args.settings) as DetectorOptions),
  ...(args.sensitivity ? { sensitivity: args.sensitivity as Sensitivity } : {}),
};

function fixed(value: number, digits = 2): string {
  return Number.isNaN(value) ? "–" : value.toFixed(digits);
}

function duration(minutes: number): string {
  if (Number.isNaN(minutes)) return "–";
  return minutes < 120 ? `${Math.round(minutes)} min` : `${(minutes / 60).toFixed(1)} h`;
}

/** One table row: medians over seeds of the group's summed counts and of the rates from them. */
function row(label: string, perSeed: Score[]): string {
  const r = perSeed.map((s) => ({ ...s, ...rates(s), perWeek: s.falseAlerts / s.seriesWeeks }));
  return [
    label,
    `${fixed(median(r.map((s) => s.found)), 1)} / ${r[0]!.windows}`,
    fixed(median(r.map((s) => s.falseAlerts)), 1),
    fixed(r[0]!.seriesWeeks, 1),
    fixed(median(r.map((s) => s.perWeek))),
    fixed(median(r.map((s) => s.precision))),
    fixed(median(r.map((s) => s.recall))),
    fixed(median(r.map((s) => s.f1))),
    duration(median(r.flatMap((s) => s.delays))),
  ].join(" | ");
}

const started = performance.now();
const byFile = new Map<string, Score[]>();
const FILES = args["tuning-only"] ? TUNING_FILES : [...TUNING_FILES, ...HELD_OUT_FILES, TAXI_FILE];
for (const file of FILES) byFile.set(file, scoreFile(loadSeries(file), SEEDS, OPTIONS));
const scoresOf = (files: string[]) => files.map((file) => byFile.get(file)!);

console.log(
  `Spike detector on real series (NAB), median of ${SEEDS.length} spreadings, 7-day warm-up, ` +
    `options ${JSON.stringify(OPTIONS)}\n`,
);
console.log(
  "| series | windows found | false alerts | series-weeks | false alerts / series-week | precision | recall | F1 | median delay |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
if (!args.quiet) {
  for (const [file, scores] of byFile)
    console.log(`| ${row(file.replace(/\.csv$/, ""), scores)} |`);
}
const tuning = total(scoresOf(TUNING_FILES));
console.log(`| **tuning five** (AAPL AMZN CRM CVS FB) | ${row("", tuning).slice(3)} |`);
if (args["tuning-only"]) process.exit(0);
const heldOut = total(scoresOf(HELD_OUT_FILES));
const all = total(scoresOf([...TUNING_FILES, ...HELD_OUT_FILES]));
console.log(`| **held-out five** (GOOG IBM KO PFE UPS) | ${row("", heldOut).slice(3)} |`);
console.log(`| **all ten Twitter** | ${row("", all).slice(3)} |`);
console.log(`| **taxi** (false alerts only) | ${row("", byFile.get(TAXI_FILE)!).slice(3)} |`);

const allRates = median(all.map((s) => rates(s).f1));
const twitterPerWeek = median(all.map((s) => s.falseAlerts / s.seriesWeeks));
const taxi = byFile.get(TAXI_FILE)!;
const taxiPerWeek = median(taxi.map((s) => s.falseAlerts / s.seriesWeeks));
const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
console.log(
  `\nTargets (all ten Twitter files; about a dozen windows after warm-up, so one window is ~8 points of recall):` +
    `\n- F1 ≥ 0.80: ${fixed(allRates)} ${verdict(allRates >= 0.8)}` +
    `\n- false alerts ≤ 0.10 per series-week: ${fixed(twitterPerWeek)} ${verdict(twitterPerWeek <= 0.1)}` +
    `\n- taxi false alerts ≤ 0.10 per week: ${fixed(taxiPerWeek)} ${verdict(taxiPerWeek <= 0.1)}` +
    `\n${((performance.now() - started) / 1000).toFixed(1)} s`,
);
