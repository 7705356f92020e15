/**
 * The write path: one statement per batch (so one transaction, with no BEGIN/COMMIT round trips)
 * that
 *   1. records each client eventId in event_receipt (the primary key makes two identical
 *      batches on two connections store once: the second waits for the first and skips),
 *   2. inserts the new events into the partitioned raw table,
 *   3. queues the batch's counts by code and minute, and by code, hour and dimension value, for
 *      the aggregates, with marks for minutes the spike detector may already have judged (late
 *      events, late-minutes.ts): aggregates.ts merges them a second later, many
 *      batches at once, and before any read of the aggregates.
 * The events travel as one JSON parameter that PostgreSQL parses in C. Receipts are written in
 * sorted order so that concurrent batches lock them in the same order and cannot deadlock. It
 * runs on node-postgres directly (the pool under the Prisma client): this is the hot path, and
 * Prisma's raw-query layer costs ~2.5× on these statements.
 * A batch is durable when this returns: the 2xx is sent after the commit.
 */
import type { Sql } from "../db/sql";
import { countBatch, type BatchCounts } from "./batch-counts";
import { columnOf, DIMENSIONS } from "./columns";
import type { NormalizedEvent } from "./event";
import { LATE_AFTER_MINUTES } from "./late-minutes";

export interface StoreResult {
  accepted: number;
  /** Indexes (in the request) of events not stored because their eventId was seen before. */
  duplicateIndexes: number[];
}

/** Splits events into first occurrences and in-batch repeats of the same eventId. */
function firstOccurrences(events: NormalizedEvent[]) {
  const seen = new Set<string>();
  const unique: NormalizedEvent[] = [];
  const repeats: number[] = [];
  for (const event of events) {
    if (event.eventId === null) unique.push(event);
    else if (seen.has(event.eventId)) repeats.push(event.index);
    else {
      seen.add(event.eventId);
      unique.push(event);
    }
  }
  return { unique, repeats };
}

/**
 * The NormalizedEvent fields that vary per event, in the order of the statement's JSON rows; each
 * fills the raw table's column of the same name in snake_case. Times travel as epoch
 * milliseconds: no Date formatting in JavaScript, no text parsing in PostgreSQL.
 */
const ROW_FIELDS = [
  "eventId",
  "code",
  "occurredAt",
  "host",
  "remoteIp",
  "httpProtocol",
  "exception",
  "message",
  "cause",
  "app",
  "appVersion",
  "sdkVersion",
  "platform",
  "osVersion",
  "apiLevel",
  "deviceModel",
  "deviceHash",
  "network",
  "carrier",
  "region",
  "locale",
  "attributes",
] as const satisfies readonly (keyof NormalizedEvent)[];

type RowField = (typeof ROW_FIELDS)[number];

/** How PostgreSQL reads element `i` of a row (`r`): text unless said here. */
function readElement(field: RowField, i: number): string {
  if (field === "code" || field === "apiLevel") return `(r->>${i})::int`;
  if (field === "occurredAt") return `to_timestamp((r->>${i})::float8 / 1000)`;
  // A JSON null element is jsonb 'null', not SQL NULL.
  if (field === "attributes") return `nullif(r->${i}, 'null'::jsonb)`;
  return `r->>${i}`;
}

/** One event as the statement's JSON row: its ROW_FIELDS values in order. */
export function toRow(event: NormalizedEvent): unknown[] {
  const row: unknown[] = new Array(ROW_FIELDS.length);
  for (let i = 0; i < ROW_FIELDS.length; i++) {
    const field = ROW_FIELDS[i]!;
    row[i] = field === "occurredAt" ? event.occurredAt.getTime() : event[field];
  }
  return row;
}

/** The statement's parameters after the five that describe the batch, in order. */
const COUNT_PARAMETERS = [
  ["expected", "int"],
  ["minuteCodes", "int[]"],
  ["minuteStarts", "int[]"],
  ["minuteCounts", "int[]"],
  ["dimensionCodes", "int[]"],
  ["dimensionHours", "int[]"],
  ["dimensionNames", "text[]"],
  ["dimensionValues", "text[]"],
  ["dimensionCounts", "int[]"],
  ["lateCodes", "int[]"],
  ["lateMinutes", "int[]"],
  ["releaseVersions", "text[]"],
  ["releaseMinutes", "int[]"],
] as const satisfies readonly (readonly [keyof BatchCounts | "expected", string])[];

/** `$n::type` of a count parameter, by name. */
const param = (name: (typeof COUNT_PARAMETERS)[number][0]) => {
  const i = COUNT_PARAMETERS.findIndex(([n]) => n === name);
  return `$${6 + i}::${COUNT_PARAMETERS[i]![1]}`;
};

/**
 * The whole batch in one statement, fed by one JSON parameter (an array per event, see
 * ROW_FIELDS) that PostgreSQL parses in C, instead of 24 arrays built and escaped in JavaScript.
 * The aggregate counts and late marks arrive counted (batch-counts.ts) and are queued as one
 * aggregate_delta row when every event was stored (`whole`); when some eventIds were duplicates,
 * the statement counts the rows it stored instead (the second branch of `delta`, never executed
 * otherwise). The only rows two batches can both lock are receipts, taken in key order, so
 * concurrent batches cannot deadlock. One statement is one transaction: no BEGIN/COMMIT round
 * trips.
 *   $1 project, $2 rows (jsonb), $3 UTC day of receipt, $4 received at (epoch ms), $5 clock drift
 *   (ms, or null), $6… COUNT_PARAMETERS.
 */
function storeStatement(): string {
  const extract = ROW_FIELDS.map((f, i) => `${readElement(f, i)} AS ${columnOf(f)}`).join(", ");
  const columns = ROW_FIELDS.map(columnOf).join(", ");
  // What the counting of the stored rows reads, and nothing more.
  const returned = [
    "code",
    "occurred_at",
    "app_version",
    ...Object.values(DIMENSIONS).map(columnOf),
  ];
  const dimensions = Object.entries(DIMENSIONS)
    .map(([dimension, field]) => {
      const column = columnOf(field);
      return `('${dimension}', s.${column}${column === "api_level" ? "::text" : ""})`;
    })
    .join(", ");
  return `
  WITH batch AS MATERIALIZED (
    SELECT ${extract} FROM jsonb_array_elements($2::jsonb) AS e(r)
  ),
  fresh AS (
    INSERT INTO event_receipt (project_id, event_id, received_on)
    SELECT $1::uuid, b.event_id, $3::date FROM batch b
    WHERE b.event_id IS NOT NULL AND b.event_id NOT IN (
      SELECT r.event_id FROM event_receipt r
      WHERE r.project_id = $1::uuid AND r.received_on = $3::date - 1
        AND r.event_id = ANY (ARRAY(SELECT event_id FROM batch WHERE event_id IS NOT NULL)))
    ORDER BY b.event_id COLLATE "C"
    ON CONFLICT DO NOTHING
    RETURNING event_id
  ),
  stored AS (
    INSERT INTO event (project_id, received_at, clock_drift_ms, ${columns})
    SELECT $1::uuid, to_timestamp($4::float8 / 1000), $5::bigint, ${columns} FROM batch b
    WHERE b.event_id IS NULL OR b.event_id IN (SELECT event_id FROM fresh)
    RETURNING ${[...new Set(returned)].join(", ")}
  ),
  whole AS (SELECT count(*) = ${param("expected")} AS whole FROM stored),
  minute_groups AS (
    SELECT code, floor(extract(epoch FROM occurred_at) / 60)::int AS minute, count(*)::int AS count
    FROM stored GROUP BY code, minute
  ),
  dimension_groups AS (
    SELECT s.code, floor(extract(epoch FROM s.occurred_at) / 3600)::int AS hour, d.dimension,
      d.value, count(*)::int AS count
    FROM stored s CROSS JOIN LATERAL (VALUES ${dimensions}) AS d(dimension, value)
    WHERE d.value IS NOT NULL
    GROUP BY s.code, d.dimension, hour, d.value
  ),
  late_groups AS (
    SELECT code, min(minute) AS minute FROM minute_groups
    WHERE minute < floor($4::float8 / 60000)::int - ${LATE_AFTER_MINUTES}
    GROUP BY code
  ),
  release_groups AS (
    SELECT app_version, floor(extract(epoch FROM min(occurred_at)) / 60)::int AS minute
    FROM stored WHERE app_version IS NOT NULL GROUP BY app_version
  ),
  delta AS (
    INSERT INTO aggregate_delta (project_id, minute_codes, minute_starts, minute_counts,
      dimension_codes, dimension_hours, dimension_names, dimension_values, dimension_counts,
      late_codes, late_minutes, release_versions, release_minutes)
    SELECT $1::uuid, ${param("minuteCodes")}, ${param("minuteStarts")}, ${param("minuteCounts")},
      ${param("dimensionCodes")}, ${param("dimensionHours")}, ${param("dimensionNames")},
      ${param("dimensionValues")}, ${param("dimensionCounts")}, ${param("lateCodes")},
      ${param("lateMinutes")}, ${param("releaseVersions")}, ${param("releaseMinutes")}
    WHERE (SELECT whole FROM whole)
    UNION ALL
    SELECT $1::uuid, m.codes, m.starts, m.counts, d.codes, d.hours, d.names, d.vals, d.counts,
      l.codes, l.minutes, r.versions, r.minutes
    FROM (SELECT array_agg(code) AS codes, array_agg(minute) AS starts, array_agg(count) AS counts
          FROM minute_groups) AS m,
         (SELECT coalesce(array_agg(code), '{}') AS codes, coalesce(array_agg(hour), '{}') AS hours,
            coalesce(array_agg(dimension), '{}') AS names, coalesce(array_agg(value), '{}') AS vals,
            coalesce(array_agg(count), '{}') AS counts
          FROM dimension_groups) AS d,
         (SELECT coalesce(array_agg(code), '{}') AS codes,
            coalesce(array_agg(minute), '{}') AS minutes
          FROM late_groups) AS l,
         (SELECT coalesce(array_agg(app_version), '{}') AS versions,
            coalesce(array_agg(minute), '{}') AS minutes
          FROM release_groups) AS r
    WHERE NOT (SELECT whole FROM whole) AND m.codes IS NOT NULL
  )
  SELECT event_id FROM fresh`;
}

const STORE = storeStatement();

/**
 * The statement and parameters that store `unique` (first occurrences, one request's events).
 * Sent unnamed, so planned for every batch, on purpose (~1 ms): a prepared statement's generic
 * plan, made while yesterday's receipts partition was empty, read that whole partition for
 * every batch once it held a day of receipts (1.4 s a batch instead of ~25 ms, from the first
 * UTC midnight on). Planned with the day known, and with yesterday's receipts looked up by the
 * batch's eventIds (`= ANY`, one index descent each), PostgreSQL reads only what it needs.
 */
export function storeQuery(
  projectId: string,
  unique: NormalizedEvent[],
  receipt: { day: string; receivedMs: number; clockDriftMs: number | null },
): { text: string; values: unknown[] } {
  const counts = countBatch(unique, receipt.receivedMs);
  const values = [
    projectId,
    JSON.stringify(unique.map(toRow)),
    receipt.day,
    receipt.receivedMs,
    receipt.clockDriftMs,
    ...COUNT_PARAMETERS.map(([name]) => (name === "expected" ? unique.length : counts[name])),
  ];
  return { text: STORE, values };
}

/**
 * Stores the events of one request (one receipt time and clock drift) for `projectId`, each
 * eventId at most once per project; returns how many were stored and which were duplicates.
 * Their codes must be in the catalogue already (lib/catalog/unknown-codes.ts registers new ones).
 */
export async function storeEvents(
  pool: Sql,
  projectId: string,
  events: NormalizedEvent[],
  receivedOn: Date,
): Promise<StoreResult> {
  const { unique, repeats } = firstOccurrences(events);
  if (unique.length === 0) return { accepted: 0, duplicateIndexes: repeats };
  const day = receivedOn.toISOString().slice(0, 10);

  // Receipt time and clock drift belong to the request (validate.ts), so they travel once.
  const { receivedAt, clockDriftMs } = unique[0]!;
  const receivedMs = receivedAt.getTime();
  if (
    unique.some((e) => e.receivedAt.getTime() !== receivedMs || e.clockDriftMs !== clockDriftMs)
  ) {
    throw new Error("storeEvents takes the events of one request: one receipt time and drift");
  }
  const rows = await pool.query<{ event_id: string }>(
    storeQuery(projectId, unique, { day, receivedMs, clockDriftMs }),
  );

  const fresh = new Set(rows.rows.map((r) => r.event_id));
  let accepted = 0;
  const duplicateIndexes = [...repeats];
  for (const event of unique) {
    if (event.eventId === null || fresh.has(event.eventId)) accepted++;
    else duplicateIndexes.push(event.index);
  }
  return { accepted, duplicateIndexes: duplicateIndexes.sort((a, b) => a - b) };
}
