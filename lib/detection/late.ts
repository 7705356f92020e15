/**
 * The ingest side of keeping stored verdicts true: events for a minute the detector may already
 * have judged leave a mark, in the same transaction as the events, so the next advance replays
 * that code from the checkpoint before them (lib/detection/advance.ts).
 */
import { SETTLE_MINUTES } from "./advance";
import type { Sql } from "./repository";

/**
 * Events older than this, relative to when the batch was received, are late. Three minutes less
 * than SETTLE_MINUTES: the margin covers a transaction that commits after the detector ran.
 */
export const LATE_AFTER_MINUTES = SETTLE_MINUTES - 3;

/** The earliest late minute per code in a batch (none for live traffic). */
export function lateMinutes(
  events: readonly { code: number; occurredAt: Date }[],
  receivedAt: Date,
): Map<number, number> {
  const cutoff = Math.floor(receivedAt.getTime() / 60_000) - LATE_AFTER_MINUTES;
  const earliest = new Map<number, number>();
  for (const event of events) {
    const minute = Math.floor(event.occurredAt.getTime() / 60_000);
    if (minute >= cutoff) continue;
    const known = earliest.get(event.code);
    if (known === undefined || minute < known) earliest.set(event.code, minute);
  }
  return earliest;
}

export async function markLateMinutes(
  sql: Sql,
  projectId: string,
  events: readonly { code: number; occurredAt: Date }[],
  receivedAt: Date,
): Promise<void> {
  const late = lateMinutes(events, receivedAt);
  if (late.size === 0) return;
  await sql.query(
    `INSERT INTO detector_late (project_id, code, minute)
     SELECT $1::uuid, code, to_timestamp(m::bigint * 60)
     FROM unnest($2::int[], $3::int[]) AS t(code, m)`,
    [projectId, [...late.keys()], [...late.values()]],
  );
}
