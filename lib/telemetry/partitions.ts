/**
 * Partitions of the telemetry tables (prisma/migrations/*_events): created ahead of time so
 * events never land in the default partitions, and dropped whole when they expire (retention.ts).
 * Several app instances may call this at once; an advisory lock makes them take turns.
 */
import type { Db } from "../db/client";

export type PartitionUnit = "day" | "month";

export interface PartitionedTable {
  table: string;
  column: string;
  /** The partition key's type: a DATE is a UTC day already, a TIMESTAMPTZ is read in UTC. */
  columnType: "timestamptz" | "date";
  unit: PartitionUnit;
}

export const PARTITIONED_TABLES: PartitionedTable[] = [
  { table: "event", column: "occurred_at", columnType: "timestamptz", unit: "day" },
  { table: "event_receipt", column: "received_on", columnType: "date", unit: "day" },
  { table: "event_minute", column: "minute", columnType: "timestamptz", unit: "month" },
  { table: "event_hour", column: "hour", columnType: "timestamptz", unit: "month" },
  { table: "event_dimension_hour", column: "hour", columnType: "timestamptz", unit: "month" },
];

const PARTITION_LOCK = 7_200_101;
const DAY_MS = 86_400_000;

export function startOf(unit: PartitionUnit, date: Date): Date {
  return unit === "day"
    ? new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
    : new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

export function next(unit: PartitionUnit, date: Date): Date {
  return unit === "day"
    ? new Date(date.getTime() + DAY_MS)
    : new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

export function partitionName(table: PartitionedTable, start: Date): string {
  const iso = start.toISOString();
  const suffix =
    table.unit === "day" ? iso.slice(0, 10).replaceAll("-", "") : iso.slice(0, 7).replace("-", "");
  return `${table.table}_p${suffix}`;
}

/**
 * The partition starts a table needs so that any acceptable event time has a partition: events
 * are accepted from `rawRetentionDays` back (clock.ts) to a few minutes ahead.
 */
export function neededStarts(table: PartitionedTable, now: Date, rawRetentionDays: number): Date[] {
  const oldest =
    table.table === "event_receipt"
      ? new Date(now.getTime() - DAY_MS)
      : new Date(now.getTime() - rawRetentionDays * DAY_MS);
  const newest = new Date(now.getTime() + 2 * DAY_MS);
  const starts: Date[] = [];
  for (let start = startOf(table.unit, oldest); start <= newest; start = next(table.unit, start)) {
    starts.push(start);
  }
  return starts;
}

export async function listPartitions(db: Db, table: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname = ${table} AND c.relname <> ${`${table}_default`}`;
  return rows.map((r) => r.name);
}

/**
 * The partition starts of the rows in `table`'s default partition: rows that arrived before
 * their partition existed (this did not run in time), or that a migration backfilled there
 * (event_hour's, 20261130090000_event_hour). Usually none, and then one index-less look at an
 * empty table.
 */
async function startsInDefault(db: Db, table: PartitionedTable): Promise<Date[]> {
  // Wall-clock UTC, so neither date_trunc nor the casts depend on the session's time zone.
  const utc =
    table.columnType === "date"
      ? `${table.column}::timestamp`
      : `${table.column} AT TIME ZONE 'UTC'`;
  // Names come from PARTITIONED_TABLES, never from input. Maintenance: every project's rows.
  const rows = await db.$queryRawUnsafe<{ start: Date }[]>(
    `/* cw:maintenance partition-default */
     SELECT DISTINCT date_trunc('${table.unit}', ${utc}) AT TIME ZONE 'UTC' AS start
     FROM ${table.table}_default`,
  );
  return rows.map((r) => r.start);
}

/**
 * Creates the missing partitions: those `neededStarts` names, and those rows in the default
 * partition need. Such rows are moved into their new partition.
 */
export async function ensurePartitions(
  db: Db,
  now: Date,
  rawRetentionDays: number,
): Promise<string[]> {
  const created: string[] = [];
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PARTITION_LOCK})`;
      for (const table of PARTITIONED_TABLES) {
        const existing = new Set(await listPartitions(tx as unknown as Db, table.table));
        const starts = [
          ...neededStarts(table, now, rawRetentionDays),
          ...(await startsInDefault(tx as unknown as Db, table)),
        ];
        for (const start of starts) {
          const name = partitionName(table, start);
          if (existing.has(name)) continue;
          existing.add(name);
          const from = start.toISOString();
          const to = next(table.unit, start).toISOString();
          const inRange = `${table.column} >= '${from}' AND ${table.column} < '${to}'`;
          // Names and bounds are computed here, never taken from input. Maintenance: rows of any
          // project move out of the default partition (test/support/statements.ts).
          await tx.$executeRawUnsafe(
            `CREATE TEMP TABLE cw_moved ON COMMIT DROP AS
               WITH moved AS (DELETE FROM ${table.table}_default WHERE ${inRange} RETURNING *)
               SELECT * FROM moved`,
          );
          await tx.$executeRawUnsafe(
            `CREATE TABLE ${name} PARTITION OF ${table.table} FOR VALUES FROM ('${from}') TO ('${to}')`,
          );
          await tx.$executeRawUnsafe(
            `/* cw:maintenance partition-move */ INSERT INTO ${table.table} SELECT * FROM cw_moved`,
          );
          await tx.$executeRawUnsafe(`DROP TABLE cw_moved`);
          created.push(name);
        }
      }
    },
    // maxWait: on the embedded database the one connection may be busy for a while.
    { timeout: 60_000, maxWait: 15_000 },
  );
  return created;
}
