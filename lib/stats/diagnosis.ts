/**
 * GET /api/v1/diagnosis: the likely causes of a surge of one code, ranked, each with its
 * evidence (lib/diagnosis, docs/diagnosis.md), from the raw events of the surge window against
 * the code's events in the day before it (or since its first event, if younger). Raw events are
 * kept CW_RAW_RETENTION_DAYS.
 */
import type pg from "pg";

import type { Principal } from "../auth/authorize";
import { buildEvidence, diagnose } from "../diagnosis";
import { mergeBeforeRead } from "../telemetry/aggregates";
import { diagnosticEvents, firstMinutes, minuteCounts } from "../telemetry/reads";
import type { DiagnosisQuery } from "./params";
import { readInScope } from "./scope";

const BASELINE_MS = 86_400_000;
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
 * before, or since the code's first minute): the surge's size and the ranked hypotheses with
 * their evidence, as GET /api/v1/diagnosis answers it. Incidents store the same shape.
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
  const evidence = buildEvidence(
    query.code,
    { ...(await read(query.from, query.to)), minutes: minutes(query.from, query.to) },
    { ...(await read(baselineFrom, query.from)), minutes: minutes(baselineFrom, query.from) },
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
