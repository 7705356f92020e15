/**
 * Expiring old telemetry by dropping whole partitions: raw events after CW_RAW_RETENTION_DAYS,
 * receipts (eventIds for idempotency) after two days, aggregates after
 * CW_AGGREGATE_RETENTION_MONTHS. Dropping a partition costs the same whatever it holds.
 *
 * Every app instance may try to run this; it runs once a day in all: an advisory lock lets one
 * instance in at a time, and the date of the last run (AppSetting) tells the others it is done.
 */
import type { Db } from "../db/client";
import {
  ensurePartitions,
  listPartitions,
  next,
  PARTITIONED_TABLES,
  type PartitionedTable,
} from "./partitions";

const RETENTION_LOCK = 7_200_102;
const LAST_RUN_KEY = "retention.lastRunOn";
const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  rawDays: number;
  aggregateMonths: number;
}

export interface RetentionResult {
  ran: boolean;
  reason?: string;
  dropped: string[];
  created: string[];
}

/** The start date a partition's name encodes (event_p20261126, event_minute_p202611). */
export function partitionStart(table: PartitionedTable, name: string): Date | undefined {
  const match = new RegExp(`^${table.table}_p(\\d{4})(\\d{2})(\\d{2})?$`).exec(name);
  if (!match) return undefined;
  return new Date(
    Date.UTC(Number(match[1]), Number(match[2]) - 1, match[3] ? Number(match[3]) : 1),
  );
}

/** Data older than this may go: partitions ending at or before it are dropped. */
export function cutoffFor(table: PartitionedTable, now: Date, policy: RetentionPolicy): Date {
  if (table.table === "event") return new Date(now.getTime() - policy.rawDays * DAY_MS);
  if (table.table === "event_receipt") return new Date(now.getTime() - 2 * DAY_MS);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - policy.aggregateMonths, 1));
}

export async function runRetention(
  db: Db,
  now: Date,
  policy: RetentionPolicy,
  options: { force?: boolean } = {},
): Promise<RetentionResult> {
  const today = now.toISOString().slice(0, 10);
  // First the coming partitions (cheap when they exist): a failure here records no run.
  const created = await ensurePartitions(db, now, policy.rawDays);
  return db.$transaction(
    async (tx): Promise<RetentionResult> => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${RETENTION_LOCK}) AS locked`;
      if (!lock?.locked)
        return { ran: false, reason: "another instance is running it", dropped: [], created };
      const last = await tx.appSetting.findUnique({ where: { key: LAST_RUN_KEY } });
      if (last?.value === today && !options.force) {
        return { ran: false, reason: `already ran today (${today})`, dropped: [], created };
      }
      const dropped: string[] = [];
      for (const table of PARTITIONED_TABLES) {
        const cutoff = cutoffFor(table, now, policy);
        for (const name of await listPartitions(tx as unknown as Db, table.table)) {
          const start = partitionStart(table, name);
          if (start && next(table.unit, start) <= cutoff) {
            // The name was read from pg_catalog and matched the pattern above.
            await tx.$executeRawUnsafe(`DROP TABLE ${name}`);
            dropped.push(name);
          }
        }
      }
      await tx.appSetting.upsert({
        where: { key: LAST_RUN_KEY },
        create: { key: LAST_RUN_KEY, value: today },
        update: { value: today },
      });
      return { ran: true, dropped, created };
    },
    { timeout: 120_000, maxWait: 15_000 },
  );
}
