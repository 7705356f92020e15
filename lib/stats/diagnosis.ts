/**
 * GET /api/v1/diagnosis: the likely causes of a surge of one code, ranked, each with its
 * evidence (lib/diagnosis, docs/diagnosis.md), from the raw events of the surge window against
 * the code's events in the day before it (or since its first event, if younger), and how the
 * surge began (its onset) from the code's per-minute counts. Raw events are kept
 * CW_RAW_RETENTION_DAYS.
 */
import type pg from "pg";

import type { Principal } from "../auth/authorize";
import { buildEvidence, diagnose, type MinuteSeries } from "../diagnosis";
import { mergeBeforeRead } from "../telemetry/aggregates";
import {
  denseMinuteCounts,
  diagnosticEvents,
  firstMinutes,
  minuteCounts,
} from "../telemetry/reads";
import type { DiagnosisQuery } from "./params";
import { readInScope } from "./scope";

const BASELINE_MS = 86_400_000;
/** Minutes of counts read before the surge window for its onset: a rise at `from` shows. */
export const ONSET_LEAD_MINUTES = 15;
/** Events read per window at most (the newest): shares from 10,000 are within ~1%. */
export const DIAGNOSIS_SAMPLE = 10_000;

export async function getDiagnosis(principal: Principal, query: DiagnosisQuery) {
  return readInScope(principal, query, (scope) =>
    diagnoseWindow(scope.pool, scope.projectId, query),
  );
}

export type WindowDiagnosis = Awaited<ReturnType<typeof diagnoseWindow>>;

/**
 * The diagnosis of `code`'s events in [from, to) of one project against its baseline (the day
 * before, or since the code's first minute): the surge's size, its onset (from the per-minute
 * counts of [from − 15 min, to), whole minutes up to the current one) and the ranked hypotheses
 * with their evidence, as GET /api/v1/diagnosis answers it. Incidents store the same shape.
 */
export async function diagnoseWindow(
  pool: pg.Pool,
  projectId: string,
  query: { code: number; from: Date; to: Date },
) {
  // The day before, or less for a code younger than that (its rate is over the time it had).
  // Its first minute is in the aggregates: merge what ingest queued.
  await mergeBeforeRead(pool);
  const first = (await firstMinutes(pool, projectId, [query.code])).get(query.code);
  const baselineFrom = new Date(
    Math.max(query.from.getTime() - BASELINE_MS, (first ?? -Infinity) * 60_000),
  );
  // A sample of each window's events for the composition, its count from the aggregates for
  // the rate (a busy code's day is far more events than the sample).
  const read = async (from: Date, to: Date) => {
    const events = await diagnosticEvents(pool, projectId, {
      code: query.code,
      from,
      to,
      limit: DIAGNOSIS_SAMPLE,
    });
    const minutes = await minuteCounts(
      pool,
      projectId,
      [query.code],
      Math.floor(from.getTime() / 60_000),
      Math.ceil(to.getTime() / 60_000),
    );
    const counted = minutes.reduce((sum, m) => sum + m.count, 0);
    // The counts cover whole minutes: never fewer than the events read.
    return { events, total: Math.max(counted, events.length) };
  };
  const minutes = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;
  if (baselineFrom >= query.from) {
    // No event before the surge: everything is excess; a minute of empty baseline says so.
    baselineFrom.setTime(query.from.getTime() - 60_000);
  }
  // Three reads at once: each is mostly the database's time (bench:query).
  const [surgeRead, baselineRead, series] = await Promise.all([
    read(query.from, query.to),
    read(baselineFrom, query.from),
    minuteSeries(pool, projectId, query),
  ]);
  const evidence = buildEvidence(
    query.code,
    { ...surgeRead, minutes: minutes(query.from, query.to) },
    { ...baselineRead, minutes: minutes(baselineFrom, query.from) },
    series,
  );
  return {
    code: query.code,
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    baselineFrom: baselineFrom.toISOString(),
    surge: {
      events: evidence.surge.events,
      expected: Number(evidence.surge.expected.toFixed(1)),
      devices: evidence.surge.devices,
    },
    baselineEvents: evidence.baseline.events,
    onset: evidence.onset,
    hypotheses: diagnose(evidence).map((h) => ({
      id: h.id,
      score: Number(h.score.toFixed(3)),
      title: h.title,
      evidence: h.evidence.map((line) => ({
        what: line.what,
        value: line.value,
        excessShare: Number(line.excessShare.toFixed(3)),
        share: Number(line.share.toFixed(3)),
        baselineShare: Number(line.baselineShare.toFixed(3)),
      })),
    })),
  };
}

/**
 * The code's count in each minute from ONSET_LEAD_MINUTES before `from` to `to`, zeros
 * included; the current minute, still filling, and later ones are left out.
 */
async function minuteSeries(
  pool: pg.Pool,
  projectId: string,
  query: { code: number; from: Date; to: Date },
): Promise<MinuteSeries> {
  const first = Math.floor(query.from.getTime() / 60_000) - ONSET_LEAD_MINUTES;
  const end = Math.max(
    first,
    Math.min(Math.ceil(query.to.getTime() / 60_000), Math.floor(Date.now() / 60_000)),
  );
  const dense = await denseMinuteCounts(pool, projectId, [query.code], first, end);
  const counts = Array.from(dense.get(query.code) ?? []);
  return { startMs: first * 60_000, counts };
}
