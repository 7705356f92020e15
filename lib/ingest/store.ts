/**
 * The write path: one transaction per batch that
 *   1. records each client eventId in event_receipt (the primary key makes two identical
 *      batches on two connections store once: the second waits for the first and skips),
 *   2. inserts the new events into the partitioned raw table,
 *   3. adds them to the per-minute and per-dimension-hour aggregates,
 *   4. registers codes the catalogue has never seen, as unknown codes,
 * and marks minutes that arrived after the spike detector may have judged them (late events).
 * Everything is set-based (unnest), and keys are written in sorted order so that concurrent
 * batches lock aggregate rows in the same order and cannot deadlock. It runs on node-postgres
 * directly (the pool under the Prisma client): this is the hot path, and Prisma's raw-query
 * layer costs ~2.5× on these statements.
 * A batch is durable when this returns: the 2xx is sent after the commit.
 */
import type pg from "pg";

import { poolOf, type Db } from "../db/client";
import { markLateMinutes } from "../detection/late";
import type { NormalizedEvent } from "./validate";

/** The dimensions a breakdown can split a code by, and the event field each reads. */
export const DIMENSIONS = {
  appVersion: "appVersion",
  osVersion: "osVersion",
  apiLevel: "apiLevel",
  platform: "platform",
  network: "network",
  carrier: "carrier",
  region: "region",
  host: "host",
  remoteIp: "remoteIp",
  exception: "exception",
} as const satisfies Record<string, keyof NormalizedEvent>;

export type Dimension = keyof typeof DIMENSIONS;

export interface StoreResult {
  accepted: number;
  /** Indexes (in the request) of events not stored because their eventId was seen before. */
  duplicateIndexes: number[];
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

function floorTo(ms: number, unit: number): string {
  return new Date(Math.floor(ms / unit) * unit).toISOString();
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

const DIMENSION_FIELDS = Object.entries(DIMENSIONS) as [Dimension, keyof NormalizedEvent][];
const SEPARATOR = "\u0001";

/**
 * (code, hour, dimension, value) → count, in sorted key order. The hot part of a batch in
 * JavaScript: the per-event prefix is built once, and keys are plain strings in one Map.
 */
function dimensionCounts(stored: NormalizedEvent[]) {
  const counts = new Map<string, number>();
  for (const event of stored) {
    const prefix =
      String(event.code).padStart(10, "0") +
      SEPARATOR +
      floorTo(event.occurredAt.getTime(), HOUR_MS) +
      SEPARATOR;
    for (const [dimension, field] of DIMENSION_FIELDS) {
      const value = event[field];
      if (value === null) continue;
      const key = prefix + dimension + SEPARATOR + String(value);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, n]) => [...(key.split(SEPARATOR) as [string, string, string, string]), n] as const);
}

function column<T>(events: NormalizedEvent[], pick: (e: NormalizedEvent) => T): T[] {
  return events.map(pick);
}

function countBy<K extends string>(keys: K[]): [K, number][] {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const INSERT_RECEIPTS = `
  WITH incoming AS (SELECT unnest($2::text[]) AS event_id)
  INSERT INTO event_receipt (project_id, event_id, received_on)
  SELECT $1::uuid, i.event_id, $3::date FROM incoming i
  WHERE NOT EXISTS (
    SELECT 1 FROM event_receipt r
    WHERE r.project_id = $1::uuid AND r.event_id = i.event_id AND r.received_on = $3::date - 1)
  ORDER BY i.event_id
  ON CONFLICT DO NOTHING
  RETURNING event_id`;

const INSERT_EVENTS = `
  INSERT INTO event (project_id, event_id, code, occurred_at, received_at, clock_drift_ms,
    host, remote_ip, http_protocol, exception, message, cause, app, app_version, sdk_version,
    platform, os_version, api_level, device_model, device_hash, network, carrier, region,
    locale, attributes)
  SELECT $1::uuid, * FROM unnest($2::text[], $3::int[], $4::timestamptz[], $5::timestamptz[],
    $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
    $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::int[], $19::text[],
    $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::jsonb[])`;

const UPSERT_MINUTES = `
  INSERT INTO event_minute (project_id, code, minute, count)
  SELECT $1::uuid, code, minute, n FROM unnest($2::int[], $3::timestamptz[], $4::int[]) AS t(code, minute, n)
  ON CONFLICT (project_id, code, minute) DO UPDATE SET count = event_minute.count + excluded.count`;

const UPSERT_DIMENSIONS = `
  INSERT INTO event_dimension_hour (project_id, code, hour, dimension, value, count)
  SELECT $1::uuid, code, hour, dimension, value, n
  FROM unnest($2::int[], $3::timestamptz[], $4::text[], $5::text[], $6::int[]) AS t(code, hour, dimension, value, n)
  ON CONFLICT (project_id, code, dimension, hour, value)
  DO UPDATE SET count = event_dimension_hour.count + excluded.count`;

const INSERT_UNKNOWN_CODES = `
  INSERT INTO "CatalogCode" (code, family, known, "seedText", content, "searchText",
    "relatedCodes", "logPatterns", "updatedAt")
  SELECT c, 'unknown', false, '', $2::jsonb, c::text, '{}', '{}', now()
  FROM unnest($1::int[]) AS c
  WHERE NOT EXISTS (SELECT 1 FROM "CatalogCode" k WHERE k.code = c)
  ON CONFLICT (code) DO NOTHING`;

/** Codes known to be in the catalogue, per database (pool), so most batches skip step 4. */
const knownCodesByPool = new WeakMap<pg.Pool, Set<number>>();

function knownCodesOf(pool: pg.Pool): Set<number> {
  let known = knownCodesByPool.get(pool);
  if (!known) knownCodesByPool.set(pool, (known = new Set()));
  return known;
}

export async function storeEvents(
  db: Db,
  projectId: string,
  events: NormalizedEvent[],
  receivedOn: Date,
): Promise<StoreResult> {
  const { unique, repeats } = firstOccurrences(events);
  if (unique.length === 0) return { accepted: 0, duplicateIndexes: repeats };
  const day = receivedOn.toISOString().slice(0, 10);

  const pool = poolOf(db);
  const client = await pool.connect();
  // A connection cut while we hold it reports here as well as in the failing query.
  const onError = () => {};
  client.on("error", onError);
  let failure: Error | undefined;
  try {
    await client.query("BEGIN");
    // 1. Which eventIds are new: not received yesterday, and won on today's primary key.
    const ids = unique.flatMap((e) => (e.eventId === null ? [] : [e.eventId])).sort();
    let fresh = new Set<string>();
    if (ids.length > 0) {
      const rows = await client.query<{ event_id: string }>(INSERT_RECEIPTS, [projectId, ids, day]);
      fresh = new Set(rows.rows.map((r) => r.event_id));
    }
    const stored = unique.filter((e) => e.eventId === null || fresh.has(e.eventId));
    const duplicateIndexes = [
      ...repeats,
      ...unique.filter((e) => e.eventId !== null && !fresh.has(e.eventId)).map((e) => e.index),
    ].sort((a, b) => a - b);
    if (stored.length === 0) {
      await client.query("COMMIT");
      return { accepted: 0, duplicateIndexes };
    }

    // 2. Raw events.
    await client.query(INSERT_EVENTS, [
      projectId,
      column(stored, (e) => e.eventId),
      column(stored, (e) => e.code),
      column(stored, (e) => e.occurredAt.toISOString()),
      column(stored, (e) => e.receivedAt.toISOString()),
      column(stored, (e) => e.clockDriftMs),
      column(stored, (e) => e.host),
      column(stored, (e) => e.remoteIp),
      column(stored, (e) => e.httpProtocol),
      column(stored, (e) => e.exception),
      column(stored, (e) => e.message),
      column(stored, (e) => e.cause),
      column(stored, (e) => e.app),
      column(stored, (e) => e.appVersion),
      column(stored, (e) => e.sdkVersion),
      column(stored, (e) => e.platform),
      column(stored, (e) => e.osVersion),
      column(stored, (e) => e.apiLevel),
      column(stored, (e) => e.deviceModel),
      column(stored, (e) => e.deviceHash),
      column(stored, (e) => e.network),
      column(stored, (e) => e.carrier),
      column(stored, (e) => e.region),
      column(stored, (e) => e.locale),
      column(stored, (e) => (e.attributes ? JSON.stringify(e.attributes) : null)),
    ]);

    // 3. Aggregates, grouped here so each statement touches every key once, in order.
    const minutes = countBy(
      stored.map(
        (e) => `${String(e.code).padStart(10, "0")}|${floorTo(e.occurredAt.getTime(), MINUTE_MS)}`,
      ),
    ).map(([key, n]) => [...key.split("|"), n] as const);
    await client.query(UPSERT_MINUTES, [
      projectId,
      minutes.map((m) => Number(m[0])),
      minutes.map((m) => m[1]),
      minutes.map((m) => m[2]),
    ]);

    const dimensions = dimensionCounts(stored);
    await client.query(UPSERT_DIMENSIONS, [
      projectId,
      dimensions.map((d) => Number(d[0])),
      dimensions.map((d) => d[1]),
      dimensions.map((d) => d[2]),
      dimensions.map((d) => d[3]),
      dimensions.map((d) => d[4]),
    ]);

    // Minutes the detector may already have judged get replayed (lib/detection).
    await markLateMinutes(client, projectId, stored, receivedOn);

    // 4. Codes never seen before become visible in the catalogue as unknown codes. Catalogue
    // rows are never deleted, so a code once seen here needs no statement again.
    const known = knownCodesOf(pool);
    const unseen = [...new Set(stored.map((e) => e.code))].filter((code) => !known.has(code));
    if (unseen.length > 0) {
      await client.query(INSERT_UNKNOWN_CODES, [unseen.sort((a, b) => a - b), UNKNOWN_CONTENT]);
    }

    await client.query("COMMIT");
    for (const code of unseen) known.add(code);
    return { accepted: stored.length, duplicateIndexes };
  } catch (error) {
    failure = error as Error;
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.off("error", onError);
    // A failed connection is discarded, not returned to the pool.
    client.release(failure);
  }
}

/** Catalogue content of a code first seen in telemetry, until someone documents it. */
const UNKNOWN_CONTENT = JSON.stringify({
  title: { zh: "未知错误码", en: "Unknown code" },
  summary: {
    zh: "该错误码来自线上上报，但尚未收录进目录。",
    en: "This code arrived from the field but is not in the catalogue yet.",
  },
  causes: [],
  supportAdvice: {
    zh: "记录用户的操作步骤、App 版本和时间，转交研发确认该错误码的含义。",
    en: "Note what the user did, the app version and the time, and ask engineering what this code means.",
  },
  opsChecks: [],
});
