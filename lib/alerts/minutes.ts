/**
 * The latest minutes of some codes as the alert evaluation reads them: the same verdicts as a
 * 1-minute chart (lib/stats/series.ts), the current minute included as it stands.
 */
import type pg from "pg";

import { codeSeries } from "../stats/series";
import type { MinutePoint } from "./surge";

/** How far back the evaluation looks: a surge's start, a quiet period, a threshold window. */
export const LOOKBACK_MINUTES = 60;
const CODES_PER_READ = 64;

/** Per code, its minute points from `nowMinute - minutes` through the current minute. */
export async function latestMinutes(
  pool: pg.Pool,
  projectId: string,
  codes: number[],
  nowMs: number,
  minutes = LOOKBACK_MINUTES,
): Promise<Map<number, MinutePoint[]>> {
  const nowMinute = Math.floor(nowMs / 60_000);
  const result = new Map<number, MinutePoint[]>();
  const sorted = [...codes].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += CODES_PER_READ) {
    const series = await codeSeries(
      pool,
      projectId,
      {
        codes: sorted.slice(i, i + CODES_PER_READ),
        from: new Date((nowMinute - minutes) * 60_000),
        to: new Date((nowMinute + 1) * 60_000),
        interval: "1m",
      },
      { nowMs },
    );
    for (const { code, points } of series.series) {
      result.set(
        code,
        points.map((p) => ({
          minute: Date.parse(p.t) / 60_000,
          count: p.count,
          expected: p.expected,
          spike: p.spike,
          provisional: p.verdict !== "settled",
        })),
      );
    }
  }
  return result;
}
