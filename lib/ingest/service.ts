/**
 * The ingest service: every front door (our JSON/NDJSON endpoint, OTLP/HTTP logs) goes through
 * `receive`, so none can skip admission, the metrics, validation or the write path:
 *   admission (the key's rate, a free in-flight slot) → the body, read within the limit → the
 *   door's decoder → validation (validate.ts) → unknown codes registered in the catalogue →
 *   storage (lib/telemetry/store.ts) → the outcome, counted and timed per door.
 * It takes the body as bytes (read on demand) and two header values, never a Request, and
 * throws domain errors (lib/errors.ts); the route wrapper answers them.
 */
import "server-only";

import type { KeyPrincipal } from "../auth/api-keys";
import { registerCodes } from "../catalog/unknown-codes";
import { poolOf } from "../db/client";
import { isDatabaseUnavailable } from "../db/errors";
import { getDb } from "../db/server";
import { getOrCreateSecretSetting } from "../db/settings";
import { getEnv } from "../env";
import { DomainError, UnavailableError } from "../errors";
import { metrics, rejectionReason } from "../observability/metrics";
import { decodeLogsRequest, type OtlpEncoding, type PartialSuccess } from "./otlp/decode";
import { partialSuccess, toRawBatch } from "./otlp/map";
import type { NormalizedEvent } from "../telemetry/event";
import { ensurePartitions } from "../telemetry/partitions";
import { storeEvents } from "../telemetry/store";
import { InFlightGate, KeyRateLimiter } from "./admission";
import { decodeBatch, MAX_BODY_BYTES, type RawBatch } from "./decode";
import { deviceHasher } from "./device-hash";
import { OPTIONAL_FIELDS } from "./fields";
import { validateBatch, type Rejection, type Warning } from "./validate";

/** A request body as the service reads it: the bytes on demand, and how they are encoded. */
export interface IngestBody {
  /** Reads the whole body, refusing (TooLargeError) more than `limitBytes`. */
  read(limitBytes: number): Promise<Buffer>;
  contentType: string | null;
  contentEncoding: string | null;
}

/** Warnings listed in an answer; the rest are counted in `warningsOmitted` (and the metric). */
const MAX_WARNINGS_LISTED = 1_000;

export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  /** Fields cleaned or dropped from events that were stored (validate.ts). */
  warnings: Warning[];
  /** Present when more warnings were found than listed. */
  warningsOmitted?: number;
}

export interface OtlpLogsResult {
  encoding: OtlpEncoding;
  partialSuccess: PartialSuccess | undefined;
}

interface IngestState {
  limiter: KeyRateLimiter;
  gate: InFlightGate;
  /** deviceId → keyed hash, once the key is read (device-hash.ts); see hashDeviceId(). */
  hashDeviceId?: Promise<(deviceId: string) => string>;
  /** The UTC day whose partitions this process ensured (or is ensuring: one run for all). */
  partitions?: { day: string; ready: Promise<void> };
}

const holder = globalThis as typeof globalThis & { __codewatchIngest?: IngestState };

function state(): IngestState {
  if (!holder.__codewatchIngest) {
    const env = getEnv();
    holder.__codewatchIngest = {
      limiter: new KeyRateLimiter(env.CW_INGEST_REQUESTS_PER_SECOND),
      gate: new InFlightGate(env.CW_INGEST_MAX_IN_FLIGHT),
    };
  }
  return holder.__codewatchIngest;
}

/**
 * The device-id hasher, once its key is read (CW_DEVICE_HASH_KEY, or the one kept in the
 * database). A failed read (the database down at the first request) is not kept: the next
 * request reads again, instead of every request failing until a restart.
 */
function hashDeviceId(): Promise<(deviceId: string) => string> {
  const s = state();
  if (!s.hashDeviceId) {
    const key = getEnv().CW_DEVICE_HASH_KEY;
    const hasher = (
      key
        ? Promise.resolve(key)
        : getDb().then((db) => getOrCreateSecretSetting(db, "ingest.device-hash-key"))
    ).then((k) => deviceHasher(k));
    s.hashDeviceId = hasher;
    hasher.catch(() => {
      if (s.hashDeviceId === hasher) s.hashDeviceId = undefined;
    });
  }
  return s.hashDeviceId;
}

/**
 * Once per process and UTC day: make sure today's (and the window's) partitions exist. The
 * requests that arrive meanwhile wait for the same run instead of each starting one (on the
 * embedded database, with its single connection, they would queue for it); a failed run is
 * tried again by the next request.
 */
async function readyPartitions(now: Date): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  const s = state();
  if (s.partitions?.day !== day) {
    const ready = getDb().then((db) => ensurePartitions(db, now, getEnv().CW_RAW_RETENTION_DAYS));
    s.partitions = { day, ready: ready.then(() => undefined) };
    ready.catch(() => {
      if (s.partitions?.day === day) s.partitions = undefined;
    });
  }
  await s.partitions!.ready;
}

interface Stored {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  warnings: Warning[];
}

/** Validates a decoded batch and stores its good events for the key's project. */
async function store(key: KeyPrincipal, batch: RawBatch): Promise<Stored> {
  const received = new Date();
  const { events, rejected, warnings } = validateBatch(batch, {
    receivedAtMs: received.getTime(),
    retentionDays: getEnv().CW_RAW_RETENTION_DAYS,
    hashDeviceId: await hashDeviceId(),
  });
  if (events.length === 0) {
    count(key, events, [], rejected, warnings);
    return { accepted: 0, duplicates: 0, rejected, warnings };
  }
  await readyPartitions(received);
  const db = await getDb();
  await registerCodes(
    db,
    events.map((e) => e.code),
  );
  const stored = await storeEvents(poolOf(db), key.projectId, events, received);
  count(key, events, stored.duplicateIndexes, rejected, warnings);
  return {
    accepted: stored.accepted,
    duplicates: stored.duplicateIndexes.length,
    rejected,
    warnings,
  };
}

/** Fields a warning may name, as metric labels; a client's own field is "other" (bounded). */
const WARNING_LABELS = new Set([
  "context",
  "attributes",
  "eventId",
  ...Object.keys(OPTIONAL_FIELDS),
]);

/** "attributes.k" -> "attributes", "context.host" -> "host", "userId" -> "other". */
export function warningLabel(field: string): string {
  const parts = field.split(".");
  const name = parts[0] === "context" && parts.length > 1 ? parts[1]! : parts[0]!;
  return WARNING_LABELS.has(name) ? name : "other";
}

function count(
  key: KeyPrincipal,
  events: NormalizedEvent[],
  duplicates: number[],
  rejected: Rejection[],
  warnings: Warning[],
) {
  const m = metrics();
  const skipped = new Set(duplicates);
  const perCode = new Map<number, number>();
  for (const event of events) {
    if (!skipped.has(event.index)) perCode.set(event.code, (perCode.get(event.code) ?? 0) + 1);
  }
  for (const [code, n] of perCode)
    m.ingestedEvents.inc({ project: key.projectSlug, code: String(code) }, n);
  if (duplicates.length) m.duplicateEvents.inc({ project: key.projectSlug }, duplicates.length);
  for (const r of rejected) m.rejectedEvents.inc({ reason: rejectionReason(r.error) });
  for (const w of warnings) m.ingestWarnings.inc({ field: warningLabel(w.field) });
}

export type IngestDoor = "events" | "otlp";

/**
 * One request through a door: admitted, read, decoded by `decode`, stored, answered by what
 * `decode` made of the result; timed, and counted by outcome ("stored", or the kind of the
 * error it ended with). A database that cannot take the batch is UnavailableError (nothing of it
 * was stored; the client retries).
 */
async function receive<T>(
  door: IngestDoor,
  key: KeyPrincipal,
  body: IngestBody,
  handle: (bytes: Buffer) => Promise<T>,
): Promise<T> {
  const m = metrics();
  const stop = m.ingestDuration.startTimer({ endpoint: door });
  let outcome = "stored";
  try {
    const s = state();
    s.limiter.take(key.keyId);
    return await s.gate.run(async () => handle(await body.read(MAX_BODY_BYTES)));
  } catch (error) {
    const failure = isDatabaseUnavailable(error)
      ? new UnavailableError(
          "The database is unavailable. Retry shortly.",
          5,
          "database-unavailable",
        )
      : error;
    outcome = failure instanceof DomainError ? failure.kind : "error";
    throw failure;
  } finally {
    stop();
    m.ingestRequests.inc({ endpoint: door, outcome });
  }
}

/** POST /api/v1/events: a JSON or NDJSON batch (docs/ingest.md). */
export async function ingestEvents(key: KeyPrincipal, body: IngestBody): Promise<IngestResponse> {
  return receive("events", key, body, async (bytes) => {
    const stored = await store(key, await decodeBatch(bytes, body));
    const { warnings, ...rest } = stored;
    return {
      ...rest,
      warnings: warnings.slice(0, MAX_WARNINGS_LISTED),
      ...(warnings.length > MAX_WARNINGS_LISTED
        ? { warningsOmitted: warnings.length - MAX_WARNINGS_LISTED }
        : {}),
    };
  });
}

/** POST /v1/logs: an OTLP/HTTP logs export; records with an error.code become events. */
export async function ingestOtlpLogs(key: KeyPrincipal, body: IngestBody): Promise<OtlpLogsResult> {
  return receive("otlp", key, body, async (bytes) => {
    const { encoding, records } = await decodeLogsRequest(bytes, body);
    const mapped = toRawBatch(records);
    const stored = mapped.batch.events.length
      ? await store(key, mapped.batch)
      : { rejected: [], warnings: [] };
    return {
      encoding,
      partialSuccess: partialSuccess(mapped.notEvents, stored.rejected, [
        ...mapped.warnings,
        ...stored.warnings,
      ]),
    };
  });
}
