/**
 * Counts per bucket for some codes, with the detector's expected value, band and verdict: the
 * chart data of the overview and code pages. Every bucket of the range is present, zeros
 * included. Verdicts come from the detectors the server keeps current (lib/detection), so they
 * are exactly those a live alert saw, and reading them is cheap:
 *   - hourly and daily buckets sum the stored hourly verdicts, plus the last few minutes not
 *     judged yet, replayed from the stored state;
 *   - minute and 5-minute buckets replay the code's minutes from the midnight checkpoint before
 *     the range (at most a day more than the range itself).
 * Buckets before a code's first event, or in the future, have no verdict: `upper` is null.
 */
import type pg from "pg";

import {
  continueSeries,
  rollUp,
  spikeIntervals,
  SpikeDetector,
  type SeriesVerdicts,
} from "../detect";
import { currentSettings } from "../detection/advance";
import { restoreDetectors } from "../detection/cache";
import { ensureCurrent } from "../detection/current";
import { hoursInRange } from "../detection/hour-cache";
import { hourTotals } from "../detection/hour-totals";
import { latestCheckpoints, loadStates, minuteCounts, type Sql } from "../detection/repository";
import { HourGrid, type CodeBuckets } from "./hour-grid";
import { INTERVAL_MINUTES } from "./params";

const DEFAULT_CODES = 10;

export interface SeriesPoint {
  t: string;
  count: number;
  expected: number;
  /** null while the detector has no verdict (before a code's first event, or in the future). */
  upper: number | null;
  spike: boolean;
}

export interface SeriesResult {
  interval: keyof typeof INTERVAL_MINUTES;
  from: string;
  to: string;
  series: { code: number; points: SeriesPoint[] }[];
  spikes: { code: number; start: string; end: string; peak: number; expected: number }[];
}

interface Range {
  fromMinute: number;
  toMinute: number;
  step: number;
  /** Minutes from here on have not happened yet. */
  nowEnd: number;
}

const iso = (minute: number) => new Date(minute * 60_000).toISOString();
const round = (x: number) => Math.round(x * 100) / 100;

export async function codeSeries(
  pool: pg.Pool,
  projectId: string,
  query: { codes?: number[]; from: Date; to: Date; interval: keyof typeof INTERVAL_MINUTES },
  nowMs = Date.now(),
): Promise<SeriesResult> {
  const step = INTERVAL_MINUTES[query.interval];
  const range: Range = {
    fromMinute: Math.floor(query.from.getTime() / 60_000 / step) * step,
    toMinute: Math.ceil(query.to.getTime() / 60_000 / step) * step,
    step,
    nowEnd: Math.floor(nowMs / 60_000) + 1,
  };
  const client = await pool.connect();
  try {
    const codes = query.codes ?? (await busiestCodes(client, projectId, range));
    await ensureCurrent(client, projectId, codes, nowMs);
    // One snapshot: a detector advancing meanwhile cannot show half its work.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const perCode =
        step % 60 === 0
          ? await fromStoredHours(client, projectId, codes, range)
          : await fromReplayedMinutes(client, projectId, codes, range);
      await client.query("COMMIT");
      return present(query.interval, range, codes, perCode);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    client.release();
  }
}

async function busiestCodes(sql: Sql, projectId: string, range: Range): Promise<number[]> {
  const { rows } = await sql.query<{ code: number }>(
    `SELECT code FROM event_minute WHERE project_id = $1 AND minute >= $2 AND minute < $3
     GROUP BY code ORDER BY sum(count) DESC, code LIMIT ${DEFAULT_CODES}`,
    [projectId, iso(range.fromMinute), iso(range.toMinute)],
  );
  return rows.map((r) => r.code);
}

/** Stored hourly verdicts, plus the minutes after the stored state replayed on the spot. */
async function fromStoredHours(
  sql: Sql,
  projectId: string,
  codes: number[],
  range: Range,
): Promise<Map<number, CodeBuckets>> {
  const hours = (range.toMinute - range.fromMinute) / 60;
  const grids = new Map(codes.map((code) => [code, new HourGrid(range.fromMinute, hours)]));
  const states = await loadStates(sql, projectId, codes, false);
  const stored = await hoursInRange(sql, projectId, states, range.fromMinute, range.toMinute);
  for (const [code, parts] of stored) for (const part of parts) grids.get(code)!.setStored(part);
  const tailEnd = Math.min(range.toMinute, range.nowEnd);
  const tails = new Map([...states].filter(([, s]) => s.nextMinute < tailEnd));
  if (tails.size > 0) {
    const detectors = await restoreDetectors(sql, projectId, tails);
    const tailFrom = Math.min(...[...tails.values()].map((s) => s.nextMinute));
    const counts = await denseCounts(sql, projectId, [...tails], tailFrom, tailEnd);
    for (const [code, state] of tails) {
      const detector = detectors.get(code)!;
      const minutes = counts.get(code)!.subarray(state.nextMinute - tailFrom);
      const verdicts = continueSeries(detector, minutes);
      const start = Math.max(0, range.fromMinute - verdicts.startMinute);
      for (const part of hourTotals(verdicts, start)) grids.get(code)!.add(part);
    }
  }
  return new Map(codes.map((code) => [code, grids.get(code)!.buckets(range.step / 60)]));
}

/** Minute verdicts replayed from the checkpoint before the range, rolled up to the step. */
async function fromReplayedMinutes(
  sql: Sql,
  projectId: string,
  codes: number[],
  range: Range,
): Promise<Map<number, CodeBuckets>> {
  const replayEnd = Math.min(range.toMinute, range.nowEnd);
  const states = await loadStates(sql, projectId, codes, false);
  const checkpoints = await latestCheckpoints(sql, projectId, codes, range.fromMinute);
  const detectors = new Map<number, SpikeDetector>();
  for (const [code, state] of states) {
    const checkpoint = checkpoints.get(code);
    // Without a checkpoint (a code younger than the range, or a range older than the kept
    // checkpoints) the detector replays from the code's first minute.
    detectors.set(
      code,
      checkpoint && state.startMinute < range.fromMinute
        ? SpikeDetector.restore(checkpoint)
        : new SpikeDetector(state.startMinute, currentSettings()),
    );
  }
  const replayed = [...detectors].filter(([, d]) => d.nextMinute < replayEnd);
  const replayFrom = Math.min(replayEnd, ...replayed.map(([, d]) => d.nextMinute));
  const counts = await denseCounts(sql, projectId, replayed, replayFrom, replayEnd);
  const result = new Map<number, CodeBuckets>();
  for (const code of codes) {
    const detector = detectors.get(code);
    const verdicts =
      detector && detector.nextMinute < replayEnd
        ? continueSeries(detector, counts.get(code)!.subarray(detector.nextMinute - replayFrom))
        : undefined;
    const rolled = rollUp(inRange(verdicts, range), range.step);
    result.set(code, {
      count: Float64Array.from(rolled.buckets, (b) => b.count),
      expected: Float64Array.from(rolled.buckets, (b) => b.expected),
      upper: Float64Array.from(rolled.buckets, (b) => b.upper),
      spike: Uint8Array.from(rolled.buckets, (b) => (b.spike ? 1 : 0)),
      intervals: rolled.intervals,
    });
  }
  return result;
}

/** The verdicts of the range's minutes; minutes without one (not replayed) count zero, no verdict. */
function inRange(verdicts: SeriesVerdicts | undefined, range: Range): SeriesVerdicts {
  const n = range.toMinute - range.fromMinute;
  const out: SeriesVerdicts = {
    startMinute: range.fromMinute,
    counts: new Float64Array(n),
    expected: new Float64Array(n),
    upper: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
    spike: new Uint8Array(n),
    candidate: new Uint8Array(n),
    warmingUp: new Uint8Array(n),
    intervals: [],
  };
  if (verdicts) {
    const offset = range.fromMinute - verdicts.startMinute;
    for (let i = Math.max(0, -offset); i < n && i + offset < verdicts.counts.length; i++) {
      out.counts[i] = verdicts.counts[i + offset]!;
      out.expected[i] = verdicts.expected[i + offset]!;
      out.upper[i] = verdicts.upper[i + offset]!;
      out.spike[i] = verdicts.spike[i + offset]!;
    }
  }
  out.intervals = spikeIntervals(out.spike, out.counts, out.expected);
  return out;
}

/** Per-minute counts of each code in [from, to), zeros included. */
async function denseCounts(
  sql: Sql,
  projectId: string,
  codes: [number, unknown][],
  from: number,
  to: number,
): Promise<Map<number, Float64Array>> {
  const dense = new Map(codes.map(([code]) => [code, new Float64Array(Math.max(0, to - from))]));
  if (to > from) {
    for (const row of await minuteCounts(sql, projectId, [...dense.keys()], from, to)) {
      dense.get(row.code)![row.m - from] = row.count;
    }
  }
  return dense;
}

function present(
  interval: keyof typeof INTERVAL_MINUTES,
  range: Range,
  codes: number[],
  perCode: Map<number, CodeBuckets>,
): SeriesResult {
  // Every code has the same bucket times: formatted once, not once per code.
  const times: string[] = [];
  for (let start = range.fromMinute; start < range.toMinute; start += range.step) {
    times.push(iso(start));
  }
  const result: SeriesResult = {
    interval,
    from: iso(range.fromMinute),
    to: iso(range.toMinute),
    series: [],
    spikes: [],
  };
  for (const code of codes) {
    const buckets = perCode.get(code)!;
    result.series.push({
      code,
      points: times.map((t, i) => ({
        t,
        count: buckets.count[i]!,
        expected: round(buckets.expected[i]!),
        upper: Number.isFinite(buckets.upper[i]!) ? round(buckets.upper[i]!) : null,
        spike: buckets.spike[i] === 1,
      })),
    });
    for (const spike of buckets.intervals) {
      result.spikes.push({
        code,
        start: times[spike.startIndex]!,
        end: iso(range.fromMinute + (spike.endIndex + 1) * range.step),
        peak: spike.peak,
        expected: round(spike.expected),
      });
    }
  }
  return result;
}
