/**
 * What each cycle does for a project's incidents that are not resolved: their size (events,
 * peak, devices, diagnosis) kept current, the settled verdict compared with the provisional one
 * that opened them, reminders while nobody acknowledges, Alertmanager's periodic re-send, and
 * resolving by themselves once counts are back near the baseline frozen at opening.
 */
import type pg from "pg";

import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { judgedEnd } from "../detection/advance";
import { minuteCounts, minuteTotals } from "../telemetry/reads";
import { diagnoseSurge, surgeDevices } from "./evaluate";
import { resolveIncident } from "./incidents";
import { latestMinutes } from "./minutes";
import { enqueueNotifications } from "./notifications";
import {
  backToBaseline,
  QUIET_MINUTES,
  resolutionBaseline,
  RHYTHM_ALLOWANCE,
  rhythmReferences,
  thresholdSurge,
  type MinutePoint,
  type MinuteSpan,
} from "./surge";

const MINUTE_MS = 60_000;
/** Alertmanager expects an active alert re-sent every 30 s to 3 min (integrations-notes.md). */
export const ALERTMANAGER_RESEND_MS = 60_000;
/** A new peak this much above the last one is a timeline line. */
const PEAK_STEP = 1.5;
/** Minutes after opening at which devices and the diagnosis are read again (then every 10). */
const REFRESH_AT = new Set([1, 2, 5]);

export interface FollowUpReport {
  resolved: number;
  reminders: number;
}

type OpenIncident = Awaited<ReturnType<typeof openIncidentsOf>>[number];

function openIncidentsOf(db: Db, projectId: string) {
  return db.incident.findMany({
    where: { projectId, status: { not: "resolved" } },
    include: { rule: true },
  });
}

export async function followUpIncidents(
  db: Db,
  pool: pg.Pool,
  projectId: string,
  known: Map<number, MinutePoint[]>,
  nowMs: number,
  cycleMs: number,
): Promise<FollowUpReport> {
  const report: FollowUpReport = { resolved: 0, reminders: 0 };
  const incidents = await openIncidentsOf(db, projectId);
  if (incidents.length === 0) return report;
  const missing = [...new Set(incidents.map((i) => i.code))].filter((c) => !known.has(c));
  const points = new Map([...known, ...(await latestMinutes(pool, projectId, missing, nowMs))]);
  const nowMinute = Math.floor(nowMs / MINUTE_MS);
  const firstCycleOfMinute = nowMs % MINUTE_MS < cycleMs;
  for (const incident of incidents) {
    const codePoints = points.get(incident.code) ?? [];
    const ageMinutes = nowMinute - Math.floor(incident.openedAt.getTime() / MINUTE_MS);
    const refresh =
      firstCycleOfMinute &&
      (REFRESH_AT.has(ageMinutes) || (ageMinutes > 0 && ageMinutes % 10 === 0));
    await trackSize(db, pool, incident, nowMs, refresh);
    await settleVerdict(db, pool, incident, nowMs);
    const complete = codePoints.filter((p) => p.minute < nowMinute).slice(-QUIET_MINUTES);
    if (ageMinutes >= QUIET_MINUTES && (await isQuiet(pool, incident, complete, nowMinute))) {
      await resolveIncident(db, incident.id, null, nowMs, {
        by: "quiet",
        minutes: QUIET_MINUTES,
        events: complete.reduce((sum, p) => sum + p.count, 0),
        baselinePerMinute: incident.baselinePerMinute,
      });
      report.resolved++;
      continue;
    }
    if (!incident.retrospective) report.reminders += await notifyAgain(db, incident, nowMs);
  }
  return report;
}

/**
 * Back to normal: the last QUIET_MINUTES complete minutes (`complete`) are near the frozen
 * baseline, or near it risen with the code's daily rhythm (`resolutionBaseline`), or for a
 * threshold rule below its threshold (a share against every code's events).
 */
async function isQuiet(
  pool: pg.Pool,
  incident: OpenIncident,
  complete: MinutePoint[],
  nowMinute: number,
): Promise<boolean> {
  if (complete.length < QUIET_MINUTES) return false;
  if (incident.rule.kind === "threshold") {
    const totals =
      incident.rule.metric === "share"
        ? await minuteTotals(pool, incident.projectId, nowMinute - QUIET_MINUTES, nowMinute)
        : [];
    return thresholdSurge(incident.rule, complete, totals) === null;
  }
  const counts = complete.map((p) => p.count);
  const frozen = incident.baselinePerMinute;
  if (backToBaseline(counts, frozen)) return true;
  // Too high even for the most the rhythm may raise the bar (a surge still going): no reads.
  if (!backToBaseline(counts, RHYTHM_ALLOWANCE * frozen)) return false;
  // Between the two: near where the code's daily rhythm has taken its baseline?
  const startMinute = Math.floor(incident.startedAt.getTime() / MINUTE_MS);
  const quiet = [complete[0]!.minute, complete[complete.length - 1]!.minute + 1] as const;
  const references = await Promise.all(
    rhythmReferences(startMinute, quiet).map(async ({ now, atStart }) => ({
      now: await eventsIn(pool, incident, now),
      atStart: await eventsIn(pool, incident, atStart),
    })),
  );
  return backToBaseline(counts, resolutionBaseline(frozen, references));
}

/** The incident's code's events in a span of epoch minutes. */
async function eventsIn(
  pool: pg.Pool,
  incident: OpenIncident,
  [from, to]: MinuteSpan,
): Promise<number> {
  const counts = await minuteCounts(pool, incident.projectId, [incident.code], from, to);
  return counts.reduce((sum, c) => sum + c.count, 0);
}

async function trackSize(
  db: Db,
  pool: pg.Pool,
  incident: OpenIncident,
  nowMs: number,
  refresh: boolean,
) {
  const startMinute = Math.floor(incident.startedAt.getTime() / MINUTE_MS);
  const nowMinute = Math.floor(nowMs / MINUTE_MS);
  const counts = await minuteCounts(
    pool,
    incident.projectId,
    [incident.code],
    startMinute,
    nowMinute + 1,
  );
  const events = counts.reduce((sum, c) => sum + c.count, 0);
  let peak = { count: incident.peakPerMinute, minute: incident.peakAt.getTime() / MINUTE_MS };
  for (const c of counts) if (c.count > peak.count) peak = { count: c.count, minute: c.m };
  const change: Prisma.IncidentUpdateInput = {};
  if (events !== incident.events) change.events = events;
  if (peak.count > incident.peakPerMinute) {
    change.peakPerMinute = peak.count;
    change.peakAt = new Date(peak.minute * MINUTE_MS);
  }
  if (refresh) {
    change.devices = await surgeDevices(
      pool,
      incident.projectId,
      incident.code,
      incident.startedAt,
      nowMs,
    );
    const diagnosis = await diagnoseSurge(
      pool,
      incident.projectId,
      incident.code,
      incident.startedAt,
      nowMs,
    );
    if (diagnosis) change.diagnosis = diagnosis as unknown as Prisma.InputJsonValue;
  }
  if (Object.keys(change).length === 0) return;
  await db.$transaction(async (tx) => {
    await tx.incident.update({ where: { id: incident.id }, data: change });
    if (peak.count >= PEAK_STEP * incident.peakPerMinute && peak.count > incident.peakPerMinute) {
      await tx.incidentEvent.create({
        data: {
          incidentId: incident.id,
          kind: "peak",
          at: new Date(peak.minute * MINUTE_MS),
          detail: { peakPerMinute: peak.count, baselinePerMinute: incident.baselinePerMinute },
        },
      });
    }
  });
}

/**
 * Once the minutes that opened an incident provisionally are settled, whether the settled
 * verdict agrees: any settled spike minute between its start and its opening confirms it.
 */
async function settleVerdict(db: Db, pool: pg.Pool, incident: OpenIncident, nowMs: number) {
  if (incident.openingVerdict !== "provisional" || incident.settledVerdict !== null) return;
  if (incident.rule.kind === "threshold") return;
  const openedMinute = Math.floor(incident.openedAt.getTime() / MINUTE_MS);
  if (judgedEnd(nowMs) <= openedMinute) return;
  const startMinute = Math.floor(incident.startedAt.getTime() / MINUTE_MS);
  const nowMinute = Math.floor(nowMs / MINUTE_MS);
  const back = Math.min(1_440, nowMinute - startMinute + 1);
  const points = (await latestMinutes(pool, incident.projectId, [incident.code], nowMs, back)).get(
    incident.code,
  );
  const judged = (points ?? []).filter((p) => p.minute >= startMinute && p.minute <= openedMinute);
  const verdict = judged.some((p) => p.spike && !p.provisional) ? "confirmed" : "revised";
  await db.$transaction(async (tx) => {
    await tx.incident.update({ where: { id: incident.id }, data: { settledVerdict: verdict } });
    await tx.incidentEvent.create({
      data: {
        incidentId: incident.id,
        kind: "settled",
        at: new Date(nowMs),
        detail: {
          verdict,
          note:
            verdict === "confirmed"
              ? "the settled verdict confirms the provisional one"
              : "with every late event in, the settled verdict finds no spike here",
        },
      },
    });
  });
}

/** Reminders while unacknowledged; Alertmanager's re-send while not resolved. */
async function notifyAgain(db: Db, incident: OpenIncident, nowMs: number): Promise<number> {
  const notified = { ...incident, builtin: incident.rule.builtin };
  let reminders = 0;
  const last = (incident.lastNotifiedAt ?? incident.openedAt).getTime();
  if (incident.status === "open" && nowMs - last >= incident.rule.reminderMinutes * MINUTE_MS) {
    await db.$transaction(async (tx) => {
      await tx.incident.update({
        where: { id: incident.id },
        data: { lastNotifiedAt: new Date(nowMs) },
      });
      reminders += await enqueueNotifications(tx, notified, "reminder", nowMs);
    });
  }
  const lastToAlertmanager = await db.notification.findFirst({
    where: {
      channel: { type: "alertmanager" },
      incidents: { some: { incidentId: incident.id } },
      createdAt: { gt: new Date(nowMs - ALERTMANAGER_RESEND_MS) },
    },
    select: { id: true },
  });
  if (!lastToAlertmanager) {
    await db.$transaction((tx) => enqueueNotifications(tx, notified, "refresh", nowMs));
  }
  return reminders;
}
