/**
 * Queue tables (detector_late, aggregate_delta) get rows in and all rows out, over and over.
 * Reading them stays cheap only if their dead rows go, and autovacuum may be off or slow to get
 * to tables this small, so their consumers vacuum them themselves, at most every `everyMs` per
 * table and process (milliseconds each). Best effort: a failure is logged, never thrown.
 */
import type pg from "pg";

import { logger } from "../log";

const lastVacuum = globalThis as typeof globalThis & {
  __codewatchVacuumedAt?: Map<string, number>;
};

export async function vacuumQueueTable(
  sql: Pick<pg.Pool | pg.PoolClient, "query">,
  table: "detector_late" | "aggregate_delta",
  everyMs: number,
  nowMs: number,
): Promise<void> {
  const times = (lastVacuum.__codewatchVacuumedAt ??= new Map());
  if (nowMs - (times.get(table) ?? 0) < everyMs) return;
  times.set(table, nowMs);
  await sql.query(`VACUUM ${table}`).catch((error: unknown) => {
    logger().warn({ err: error, table }, `VACUUM ${table} failed`);
  });
}
