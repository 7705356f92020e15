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
  const candidates = new Set(await codesWithSpikes(pool, projectId, fromMinute, toMinute));
  if (toMinute > unsettledFrom) {
    for (const code of await codesActiveSince(
      pool,
      projectId,
      Math.max(fromMinute, unsettledFrom),
    )) {
      candidates.add(code);
    }
  }
  if (candidates.size === 0) return [];
  const interval = intervalFor(toMinute - fromMinute);
  const nowMinute = Math.floor(nowMs / MINUTE_MS);
  const codes = [...candidates].sort((a, b) => a - b);
  const spikes: SpikeDto[] = [];
  // /series takes up to 64 codes a request; so does this, a slice at a time.
  for (let i = 0; i < codes.length; i += 64) {
    const series = await codeSeries(
      pool,
      projectId,
      { codes: codes.slice(i, i + 64), from: range.from, to: range.to, interval },
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
  return spikes.sort((a, b) => a.start.localeCompare(b.start) || a.code - b.code);
}

export async function getSpikes(principal: Principal, query: SpikesQuery) {
  return readInScope(principal, query, async (scope) => ({
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    spikes: await listSpikes(scope.pool, scope.projectId, query),
  }));
}
