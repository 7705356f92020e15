/**
 * One project's alert evaluation (run each cycle by lib/alerts/cycle.ts): every enabled rule
 * against its codes' latest minutes. A surge that meets a rule's floors (excess events, distinct
 * devices) and is not in the rule's cooldown opens an incident, with its diagnosis; the open
 * incidents are followed up (lib/alerts/follow-up.ts).
 */
import type pg from "pg";

import type { Db } from "../db/client";
import { NEW_CODE_AFTER_MINUTES, projectFirstMinute } from "../detection/new-codes";
import { logger } from "../log";
import { diagnoseWindow } from "../stats/diagnosis";
import { codesActiveSince, deviceSpread, firstMinutes, minuteTotals } from "../telemetry/reads";
import { openIncident } from "./incidents";
import { latestMinutes, LOOKBACK_MINUTES } from "./minutes";
import { ongoingSurge, thresholdSurge, type MinutePoint, type Surge } from "./surge";

const MINUTE_MS = 60_000;
/** Codes with events this recently are looked at (a surge going on has events now). */
const ACTIVE_MINUTES = 5;
/** A "new code" is one first seen this recently (and NEW_CODE_AFTER_MINUTES after the project). */
const NEW_CODE_WITHIN_MINUTES = 1_440;

export type Rule = Awaited<ReturnType<Db["alertRule"]["findMany"]>>[number];

export interface Candidate {
  rule: Rule;
  code: number;
  surge: Surge;
}

/** Does `rule` watch `code` (of catalogue `family`)? */
export function watches(rule: Rule, code: number, family: string | undefined): boolean {
  if (rule.code !== null) return rule.code === code;
  if (rule.family !== null) return rule.family === family;
  return true;
}

/** The catalogue family of each of `codes` (codes missing from the catalogue have none). */
export async function familiesOf(pool: pg.Pool, codes: number[]): Promise<Map<number, string>> {
  const { rows } = await pool.query<{ code: number; family: string }>(
    `SELECT code, family FROM "CatalogCode" WHERE code = ANY($1::int[])`,
    [codes],
  );
  return new Map(rows.map((r) => [r.code, r.family]));
}

/**
 * The surges the project's rules see now, before their floors: for each enabled rule and code it
 * watches, the ongoing spike (anomaly), the first surge of a code new to the project (new-code),
 * or the window above the threshold.
 */
export async function findCandidates(
  pool: pg.Pool,
  projectId: string,
  rules: Rule[],
  nowMs: number,
): Promise<{ candidates: Candidate[]; points: Map<number, MinutePoint[]> }> {
  const nowMinute = Math.floor(nowMs / MINUTE_MS);
  const active = await codesActiveSince(pool, projectId, nowMinute - ACTIVE_MINUTES);
  const families = await familiesOf(pool, active);
  const watched = active.filter((code) => rules.some((r) => watches(r, code, families.get(code))));
  if (watched.length === 0) return { candidates: [], points: new Map() };
  const points = await latestMinutes(pool, projectId, watched, nowMs);
  const candidates: Candidate[] = [];
  const needsNew = rules.some((r) => r.kind === "new-code");
  const firsts = needsNew
    ? await firstMinutes(pool, projectId, watched)
    : new Map<number, number>();
  // The project's first minute (a probe per catalogue code) only when some code is young.
  const young = [...firsts.values()].some((m) => m >= nowMinute - NEW_CODE_WITHIN_MINUTES);
  const projectFirst = young ? await projectFirstMinute(pool, projectId) : undefined;
  const totals = rules.some((r) => r.metric === "share")
    ? await minuteTotals(pool, projectId, nowMinute - LOOKBACK_MINUTES, nowMinute + 1)
    : [];
  for (const code of watched) {
    const codePoints = points.get(code) ?? [];
    const spike = ongoingSurge(codePoints, nowMinute);
    for (const rule of rules) {
      if (!watches(rule, code, families.get(code))) continue;
      let surge: Surge | null = null;
      if (rule.kind === "anomaly") surge = spike;
      if (rule.kind === "threshold") surge = thresholdSurge(rule, codePoints, totals);
      if (rule.kind === "new-code") {
        const first = firsts.get(code);
        const isNew =
          first !== undefined &&
          projectFirst !== undefined &&
          first >= projectFirst + NEW_CODE_AFTER_MINUTES &&
          first >= nowMinute - NEW_CODE_WITHIN_MINUTES;
        surge = isNew ? spike : null;
      }
      if (surge) candidates.push({ rule, code, surge });
    }
  }
  return { candidates, points };
}

/**
 * Devices behind a surge, or null when most of its events carry no device id (the rule then
 * falls back to counts alone).
 */
export async function surgeDevices(
  pool: pg.Pool,
  projectId: string,
  code: number,
  from: Date,
  nowMs: number,
): Promise<number | null> {
  const spread = await deviceSpread(pool, projectId, {
    code,
    from,
    to: new Date(nowMs + MINUTE_MS),
  });
  return spread.withDevice * 2 >= spread.events ? spread.devices : null;
}

/** The ranked hypotheses of a surge (GET /api/v1/diagnosis's answer), or null if it fails. */
export async function diagnoseSurge(
  pool: pg.Pool,
  projectId: string,
  code: number,
  from: Date,
  nowMs: number,
) {
  const to = new Date(Math.min(nowMs + MINUTE_MS, from.getTime() + 86_400_000));
  try {
    return await diagnoseWindow(pool, projectId, { code, from, to });
  } catch (error) {
    logger().warn({ err: error, projectId, code }, "diagnosis of a surge failed");
    return null;
  }
}

export interface OpenReport {
  opened: number;
  /** Candidates held back by a floor: too few excess events, too few devices, or cooldown. */
  belowFloor: number;
}

/**
 * Opens an incident for each candidate that passes its rule's floors and cooldown, most
 * specific rules first: a code's "new code" incident is not opened beside another rule's.
 */
export async function openIncidents(
  db: Db,
  pool: pg.Pool,
  projectId: string,
  candidates: Candidate[],
  nowMs: number,
  options: { retrospective?: boolean; surgeEndMs?: number } = {},
): Promise<OpenReport> {
  // Devices and the diagnosis are read over the surge: up to now, or to a past surge's end.
  const readUntil = options.surgeEndMs !== undefined ? options.surgeEndMs - MINUTE_MS : nowMs;
  const report: OpenReport = { opened: 0, belowFloor: 0 };
  const open = await db.incident.findMany({
    where: { projectId, status: { not: "resolved" } },
    select: { ruleId: true, code: true },
  });
  const isOpen = (ruleId: string, code: number) =>
    open.some((i) => i.ruleId === ruleId && i.code === code);
  const ordered = [...candidates].sort(
    (a, b) => Number(a.rule.kind === "new-code") - Number(b.rule.kind === "new-code"),
  );
  for (const { rule, code, surge } of ordered) {
    // A past surge, recorded resolved, sits beside whatever is open now.
    if (!options.retrospective) {
      if (isOpen(rule.id, code)) continue;
      if (rule.kind === "new-code" && open.some((i) => i.code === code)) continue;
    }
    const cooling = !options.retrospective && (await inCooldown(db, rule, code, nowMs));
    if (surge.excess < rule.minEvents || cooling) {
      report.belowFloor++;
      continue;
    }
    const startedAt = new Date(surge.startMinute * MINUTE_MS);
    const devices = await surgeDevices(pool, projectId, code, startedAt, readUntil);
    if (devices !== null && devices < rule.minDevices) {
      report.belowFloor++;
      continue;
    }
    const id = await openIncident(
      db,
      {
        projectId,
        rule,
        code,
        retrospective: options.retrospective ?? false,
        startedAt,
        baselinePerMinute: surge.baselinePerMinute,
        peakPerMinute: surge.peak,
        peakAt: new Date(surge.peakMinute * MINUTE_MS),
        events: surge.events,
        devices,
        openingVerdict: surge.provisional ? "provisional" : "settled",
        diagnosis: await diagnoseSurge(pool, projectId, code, startedAt, readUntil),
        endedAt: options.surgeEndMs !== undefined ? new Date(options.surgeEndMs) : undefined,
      },
      nowMs,
    );
    if (id) {
      if (!options.retrospective) open.push({ ruleId: rule.id, code });
      report.opened++;
      logger().info(
        { projectId, code, rule: rule.name, incident: id, retrospective: options.retrospective },
        `incident opened: ${code} (${rule.name})`,
      );
    }
  }
  return report;
}

async function inCooldown(db: Db, rule: Rule, code: number, nowMs: number): Promise<boolean> {
  if (rule.cooldownMinutes === 0) return false;
  const recent = await db.incident.findFirst({
    where: {
      ruleId: rule.id,
      code,
      // A surge found afterwards in old data says nothing about paging now.
      retrospective: false,
      resolvedAt: { gt: new Date(nowMs - rule.cooldownMinutes * MINUTE_MS) },
    },
    select: { id: true },
  });
  return recent !== null;
}
