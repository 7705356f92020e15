/**
 * Which codes are new to their project: a code whose first event came at least
 * `NEW_CODE_AFTER_MINUTES` after the project's first event. Its detector judges it from its
 * first minute against a small prior rate (`unseenRate` in lib/detect/settings.ts), so a 50502
 * surge in a project that never had 50502 is flagged within minutes; a code there from the
 * project's start (onboarding: every code arrives at its usual rate at once) is not.
 *
 * Derived from the counts alone, so a replay decides the same way as the detector that stored
 * the verdicts (unless a backfill moves the project's first event, which replays those codes).
 */
import { SpikeDetector, type DetectorSettings } from "../detect";
import type { Sql } from "../db/sql";
import { firstMinutes } from "../telemetry/reads";
import { trackedCodes } from "./repository";

/** A code arriving this long after its project's first event is new to the project. */
export const NEW_CODE_AFTER_MINUTES = 60;

/**
 * The project's first minute with events (UTC minutes since the epoch), or undefined with none:
 * the earliest first minute of the catalogue's codes and of the codes with a stored detector
 * (unknown codes get one as soon as they are judged), one index probe per code.
 */
export async function projectFirstMinute(sql: Sql, projectId: string): Promise<number | undefined> {
  const catalogue = await sql.query<{ code: number }>(`SELECT code FROM "CatalogCode"`);
  const codes = new Set([
    ...catalogue.rows.map((r) => r.code),
    ...(await trackedCodes(sql, projectId)),
  ]);
  const firsts = await firstMinutes(sql, projectId, [...codes]);
  return firsts.size > 0 ? Math.min(...firsts.values()) : undefined;
}

/**
 * A detector for a code whose first minute is `first`, in a project whose first minute is
 * `projectFirst` (from `projectFirstMinute`; the earliest of `first` when undefined).
 */
export function freshDetector(
  first: number,
  projectFirst: number | undefined,
  settings: DetectorSettings,
): SpikeDetector {
  const newInProject = first - (projectFirst ?? first) >= NEW_CODE_AFTER_MINUTES;
  return new SpikeDetector(first, settings, { newInProject });
}
