/**
 * GET /api/v1/spikes: every spike interval of every code in a range, for the overview's shading
 * and its "spiking now" strip. `/series` lists only the spikes of the codes it charts (the ten
 * busiest by default), and a surge of a quiet code is exactly what must not be missed.
 *
 * Cheap at any size: the codes whose stored hourly verdicts hold spike minutes in the range,
 * plus, when the range reaches the last minutes, every code with events since the detector last
 * settled (their verdicts are judged on the spot, provisionally). Only those codes' series are
 * computed, at the finest interval the range allows (1m up to a day, 5m up to a week, else 1h),
 * so intervals are as precise as that interval.
 */
import type pg from "pg";

import type { Principal } from "../auth/authorize";
import { codesWithSpikes } from "../detection/repository";
import { judgedEnd } from "../detection/advance";
import { codesActiveSince } from "../telemetry/reads";
import type { SpikesQuery } from "./params";
import { readInScope } from "./scope";
import { codeSeries, type SeriesSpike } from "./series";

const MINUTE_MS = 60_000;
/** A spike whose last minute is this recent is still going on (INTERVAL_MERGE_GAP + 1). */
const ONGOING_MINUTES = 4;
/** How far before the settled end a reader looks for codes judged on the spot. */
const UNSETTLED_LOOKBACK_MINUTES = 30;

export interface SpikeDto extends Omit<SeriesSpike, "peak" | "expected"> {
  /** Its last spike minute is among the last few: the code is spiking now. */
  ongoing: boolean;
}

/** The interval a list of spikes is computed at, for a range of `minutes`. */
function intervalFor(minutes: number): "1m" | "5m" | "1h" {
  if (minutes <= 1_440) return "1m";
  if (minutes <= 7 * 1_440) return "5m";
  return "1h";
}

export async function listSpikes(
  pool: pg.Pool,
  projectId: string,
  range: { from: Date; to: Date },
  nowMs = Date.now(),
): Promise<SpikeDto[]> {
  const fromMinute = Math.floor(range.from.getTime() / MINUTE_MS);
  const toMinute = Math.ceil(range.to.getTime() / MINUTE_MS);
  const unsettledFrom = judgedEnd(nowMs) - UNSETTLED_LOOKBACK_MINUTES;
  const stored = await codesWithSpikes(pool, projectId, fromMinute, toMinute);
  const interval = intervalFor(toMinute - fromMinute);
  const spikes: SpikeDto[] = [];
  // Codes with stored spike minutes in the range: their whole range, at the range's interval.
  spikes.push(...(await spikesOf(pool, projectId, stored, range, interval, nowMs)));
  // Every other code active since the detector last settled: only the minutes judged on the
  // spot can hold a spike the stored hours do not, so only they are replayed, by the minute
  // (a code per minute of history would cost the whole range for every code).
  if (toMinute > unsettledFrom) {
    const tailFrom = Math.max(fromMinute, unsettledFrom);
    const known = new Set(stored);
    const active = (await codesActiveSince(pool, projectId, tailFrom)).filter(
      (code) => !known.has(code),
    );
    const tail = { from: new Date(tailFrom * MINUTE_MS), to: range.to };
    spikes.push(...(await spikesOf(pool, projectId, active, tail, "1m", nowMs)));
  }
  return spikes.sort((a, b) => a.start.localeCompare(b.start) || a.code - b.code);
}

/** The spike intervals of `codes` in `range` at `interval`, 64 codes a series at a time. */
async function spikesOf(
  pool: pg.Pool,
  projectId: string,
  codes: number[],
  range: { from: Date; to: Date },
  interval: "1m" | "5m" | "1h",
  nowMs: number,
): Promise<SpikeDto[]> {
  const nowMinute = Math.floor(nowMs / MINUTE_MS);
  const spikes: SpikeDto[] = [];
  const sorted = [...codes].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += 64) {
    const series = await codeSeries(
      pool,
      projectId,
      { codes: sorted.slice(i, i + 64), from: range.from, to: range.to, interval },
      { nowMs },
    );
    for (const spike of series.spikes) {
      const lastMinute = Math.min(Date.parse(spike.end) / MINUTE_MS, nowMinute + 1) - 1;
      spikes.push({
        code: spike.code,
        start: spike.start,
        end: spike.end,
        peakPerMinute: spike.peakPerMinute,
        expectedPerMinute: spike.expectedPerMinute,
        verdict: spike.verdict,
        ongoing: lastMinute >= nowMinute - ONGOING_MINUTES,
      });
    }
  }
  return spikes;
}

export async function getSpikes(principal: Principal, query: SpikesQuery) {
  return readInScope(principal, query, async (scope) => ({
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    spikes: await listSpikes(scope.pool, scope.projectId, query),
  }));
}
