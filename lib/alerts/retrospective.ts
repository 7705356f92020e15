/**
 * Surges found in old data: spikes that are over (in backfilled or late telemetry, or while no
 * instance was evaluating) and that no incident covers. Each gets a retrospective incident,
 * marked so and resolved at once: recorded with its diagnosis, never paged. The same floors
 * as a live incident apply (excess events, devices).
 */
import type pg from "pg";

import type { Db } from "../db/client";
import { spikeDays } from "../detection/repository";
import { listSpikes } from "../stats/spikes";
import { minuteCounts } from "../telemetry/reads";
import { familiesOf, openIncidents, watches, type Rule } from "./evaluate";
import { mergePastSpikes, QUIET_MINUTES } from "./surge";

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1_440;
/** How far back the scan of older days reaches: the raw events' retention (lib/telemetry). */
const OLDER_DAYS = 30;

/**
 * The older days this process has scanned, by project and day, with the spike minutes the day
 * had then: a day is scanned again only when its verdicts change. In memory because a scan is
 * idempotent (an incident covering a surge stops a second); a restart scans each day once more.
 */
const scannedDays = new Map<string, number>();

/**
 * Past surges older than the recent window (`recentFromMs`, UTC ms) and up to 30 days back: a
 * backfill of weeks of history, or late events for an old day. Reads which UTC days hold stored
 * spike minutes (cheap: the hourly verdicts), then runs recordPastSurges over each day not yet
 * scanned with its current verdicts, by the minute. Returns how many incidents it recorded.
 */
export async function recordOlderSurges(
  db: Db,
  pool: pg.Pool,
  projectId: string,
  rules: Rule[],
  recentFromMs: number,
  nowMs: number,
): Promise<number> {
  if (!rules.some((r) => r.kind === "anomaly")) return 0;
  const to = Math.floor(recentFromMs / MINUTE_MS);
  const from = Math.floor(nowMs / MINUTE_MS) - OLDER_DAYS * DAY_MINUTES;
  let recorded = 0;
  for (const { dayMinute, spikeMinutes } of await spikeDays(pool, projectId, from, to)) {
    const key = `${projectId}:${dayMinute}`;
    if (scannedDays.get(key) === spikeMinutes) continue;
    const range = {
      from: new Date(Math.max(dayMinute, from) * MINUTE_MS),
      to: new Date(Math.min(dayMinute + DAY_MINUTES, to) * MINUTE_MS),
    };
    recorded += await recordPastSurges(db, pool, projectId, rules, range, nowMs);
    scannedDays.set(key, spikeMinutes);
  }
  return recorded;
}

export async function recordPastSurges(
  db: Db,
  pool: pg.Pool,
  projectId: string,
  rules: Rule[],
  range: { from: Date; to: Date },
  nowMs: number,
): Promise<number> {
  const anomalyRules = rules.filter((r) => r.kind === "anomaly");
  if (anomalyRules.length === 0) return 0;
  const spikes = (await listSpikes(pool, projectId, range, nowMs)).filter((s) => !s.ongoing);
  if (spikes.length === 0) return 0;
  const codes = [...new Set(spikes.map((s) => s.code))];
  const families = await familiesOf(pool, codes);
  const covered = await db.incident.findMany({
    where: { projectId, code: { in: codes }, startedAt: { lt: range.to } },
    select: { ruleId: true, code: true, startedAt: true, resolvedAt: true },
  });
  let recorded = 0;
  for (const rule of anomalyRules) {
    const watched = spikes.filter((s) => watches(rule, s.code, families.get(s.code)));
    // What one live incident would have covered is one retrospective incident too.
    for (const spike of mergePastSpikes(watched, QUIET_MINUTES + rule.cooldownMinutes)) {
      const start = Date.parse(spike.start);
      const end = Date.parse(spike.end);
      const overlaps = covered.some(
        (i) =>
          i.ruleId === rule.id &&
          i.code === spike.code &&
          // Touching counts: a surge over midnight is found by two days' scans, in two parts.
          i.startedAt.getTime() <= end &&
          (i.resolvedAt?.getTime() ?? Infinity) >= start,
      );
      if (overlaps) continue;
      const counts = await minuteCounts(
        pool,
        projectId,
        [spike.code],
        start / MINUTE_MS,
        end / MINUTE_MS,
      );
      const events = counts.reduce((sum, c) => sum + c.count, 0);
      const minutes = (end - start) / MINUTE_MS;
      const surge = {
        startMinute: start / MINUTE_MS,
        lastMinute: end / MINUTE_MS - 1,
        peak: spike.peakPerMinute,
        peakMinute: counts.find((c) => c.count === spike.peakPerMinute)?.m ?? start / MINUTE_MS,
        events,
        excess: Math.max(0, events - spike.expectedPerMinute * minutes),
        baselinePerMinute: spike.expectedPerMinute,
        provisional: spike.verdict === "provisional",
      };
      // Recorded with devices and the diagnosis read over the surge itself, resolved at its end.
      const report = await openIncidents(
        db,
        pool,
        projectId,
        [{ rule, code: spike.code, surge }],
        end - MINUTE_MS,
        { retrospective: true, surgeEndMs: end },
      );
      if (report.opened === 0) continue;
      covered.push({
        ruleId: rule.id,
        code: spike.code,
        startedAt: new Date(start),
        resolvedAt: new Date(end),
      });
      recorded++;
    }
  }
  return recorded;
}
