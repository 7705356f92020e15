/**
 * The real count series of `data/` (NAB, see its README): parsed, and spread over their minutes
 * the way the scoring protocol says, so the detector sees per-minute counts as the product does.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { mulberry32 } from "../../lib/random";

export const DATA_DIR = path.join(import.meta.dirname, "data");

/** The five Twitter files the detector may be tuned on; the other five are held out. */
export const TUNING_FILES = ["AAPL", "AMZN", "CRM", "CVS", "FB"].map(
  (ticker) => `Twitter_volume_${ticker}.csv`,
);
export const HELD_OUT_FILES = ["GOOG", "IBM", "KO", "PFE", "UPS"].map(
  (ticker) => `Twitter_volume_${ticker}.csv`,
);
/** Strong daily and weekly rhythm at high volume: scored for false alerts only. */
export const TAXI_FILE = "nyc_taxi.csv";

export interface RealSeries {
  file: string;
  /** UTC minute (minutes since the epoch) of the first bucket's first minute. */
  startMinute: number;
  /** Minutes per bucket: 5 for Twitter, 30 for the taxi file. */
  bucketMinutes: number;
  /** One value per bucket from `startMinute` on; a bucket missing from the file counts 0. */
  values: number[];
  /** Labelled anomaly windows as [first, last] UTC minutes, inclusive. */
  windows: Array<[number, number]>;
}

/** Minutes since the epoch of a `YYYY-MM-DD HH:MM:SS[.ffffff]` UTC timestamp. */
function utcMinute(text: string): number {
  const ms = Date.parse(`${text.trim().slice(0, 19).replace(" ", "T")}Z`);
  if (!Number.isFinite(ms)) throw new Error(`bad timestamp ${JSON.stringify(text)}`);
  return Math.floor(ms / 60_000);
}

/** Reads `file` from `data/` with its labelled windows. Throws on a malformed line. */
export function loadSeries(file: string, dir = DATA_DIR): RealSeries {
  const lines = readFileSync(path.join(dir, file), "utf8").trim().split("\n").slice(1);
  const rows = lines.map((line) => {
    const [stamp, value] = line.split(",");
    const count = Number(value);
    if (!stamp || !Number.isFinite(count) || count < 0)
      throw new Error(`${file}: bad line ${line}`);
    return { minute: utcMinute(stamp), count };
  });
  const bucketMinutes = rows[1]!.minute - rows[0]!.minute;
  const startMinute = rows[0]!.minute;
  const values: number[] = [];
  for (const row of rows) {
    const slot = (row.minute - startMinute) / bucketMinutes;
    if (!Number.isInteger(slot)) throw new Error(`${file}: ${row.minute} is off the bucket grid`);
    while (values.length < slot) values.push(0);
    values[slot] = row.count;
  }
  const labelled = JSON.parse(readFileSync(path.join(dir, "windows.json"), "utf8")) as Record<
    string,
    Array<[string, string]>
  >;
  const windows = (labelled[file] ?? []).map(
    ([from, to]) => [utcMinute(from), utcMinute(to)] as [number, number],
  );
  return { file, startMinute, bucketMinutes, values, windows };
}

/**
 * Per-minute counts: each bucket's events land on uniformly random minutes of that bucket (a
 * 5-minute value of 40 becomes 40 events at random minutes of those five). Deterministic for a
 * seed, so the HTTP replay test can send exactly what the harness judged.
 */
export function spreadOverMinutes(series: RealSeries, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const width = series.bucketMinutes;
  const minutes = new Float64Array(series.values.length * width);
  series.values.forEach((value, bucket) => {
    for (let event = 0; event < value; event++) {
      minutes[bucket * width + Math.floor(rng() * width)]! += 1;
    }
  });
  return minutes;
}
