/**
 * GET /api/v1/diagnosis: the likely causes of a surge of one code, ranked, each with its
 * evidence (lib/diagnosis, docs/diagnosis.md), from the raw events of the surge window against
 * the code's events in the day before it (or since its first event, if younger). Raw events are
 * kept CW_RAW_RETENTION_DAYS.
 */
import type { Principal } from "../auth/authorize";
import { buildEvidence, diagnose } from "../diagnosis";
import { mergeBeforeRead } from "../telemetry/aggregates";
import { diagnosticEvents, firstMinutes } from "../telemetry/reads";
import type { DiagnosisQuery } from "./params";
import { readInScope } from "./scope";

const BASELINE_MS = 86_400_000;
/** Events read per window at most (the newest): a sample of a larger surge. */
export const DIAGNOSIS_SAMPLE = 50_000;

export async function getDiagnosis(principal: Principal, query: DiagnosisQuery) {
  return readInScope(principal, query, async (scope) => {
    // The day before, or less for a code younger than that (its rate is over the time it had).
    // Its first minute is in the aggregates: merge what ingest queued.
    await mergeBeforeRead(scope.pool);
    const first = (await firstMinutes(scope.pool, scope.projectId, [query.code])).get(query.code);
    const baselineFrom = new Date(
      Math.max(query.from.getTime() - BASELINE_MS, (first ?? -Infinity) * 60_000),
    );
    const read = (from: Date, to: Date) =>
      diagnosticEvents(scope.pool, scope.projectId, {
        code: query.code,
        from,
        to,
        limit: DIAGNOSIS_SAMPLE,
      });
    const minutes = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;
    if (baselineFrom >= query.from) {
      // No event before the surge: everything is excess; a minute of empty baseline says so.
      baselineFrom.setTime(query.from.getTime() - 60_000);
    }
    const evidence = buildEvidence(
      query.code,
      { events: await read(query.from, query.to), minutes: minutes(query.from, query.to) },
      { events: await read(baselineFrom, query.from), minutes: minutes(baselineFrom, query.from) },
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
  });
}
