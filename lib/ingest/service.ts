import "server-only";

import { getDb } from "../db/server";
import { getOrCreateSecretSetting } from "../db/settings";
import { getEnv } from "../env";
import { readBodyBytes } from "../http/body";
import { metrics, rejectionReason } from "../observability/metrics";
import type { KeyPrincipal } from "../projects/repository";
import { InFlightGate, KeyRateLimiter } from "./admission";
import { deviceHasher } from "./device-hash";
import { decodeBatch, MAX_BODY_BYTES, type RawBatch } from "./decode";
import { ensurePartitions } from "./partitions";
import { storeEvents } from "./store";
import { validateBatch, type NormalizedEvent, type Rejection } from "./validate";

export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

interface IngestState {
  limiter: KeyRateLimiter;
  gate: InFlightGate;
  /** deviceId → keyed hash, once the key is read (device-hash.ts). */
  hashDeviceId: Promise<(deviceId: string) => string>;
  /** UTC day for which partitions were last ensured by this process. */
  partitionsReadyFor?: string;
}

const holder = globalThis as typeof globalThis & { __codewatchIngest?: IngestState };

function state(): IngestState {
  if (!holder.__codewatchIngest) {
    const env = getEnv();
    holder.__codewatchIngest = {
      limiter: new KeyRateLimiter(env.CW_INGEST_REQUESTS_PER_SECOND),
      gate: new InFlightGate(env.CW_INGEST_MAX_IN_FLIGHT),
      hashDeviceId: (env.CW_DEVICE_HASH_KEY
        ? Promise.resolve(env.CW_DEVICE_HASH_KEY)
        : getDb().then((db) => getOrCreateSecretSetting(db, "ingest.device-hash-key"))
      ).then((key) => deviceHasher(key)),
    };
  }
  return holder.__codewatchIngest;
}

/** Once per process and UTC day: make sure today's (and the window's) partitions exist. */
async function readyPartitions(now: Date): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  const s = state();
  if (s.partitionsReadyFor === today) return;
  await ensurePartitions(await getDb(), now, getEnv().CW_RAW_RETENTION_DAYS);
  s.partitionsReadyFor = today;
}

/**
 * Admission control around the work of one ingest request (any front door: our JSON/NDJSON
 * endpoint, OTLP): the key's rate limit, then a free in-flight slot, or 429 at once.
 */
export async function admit<T>(key: KeyPrincipal, work: () => Promise<T>): Promise<T> {
  const s = state();
  s.limiter.take(key.keyId);
  return s.gate.run(work);
}

/** Validates a decoded batch and stores its good events for the key's project. */
export async function ingestRawBatch(key: KeyPrincipal, batch: RawBatch): Promise<IngestResponse> {
  const received = new Date();
  const hashDeviceId = await state().hashDeviceId;
  const { events, rejected } = validateBatch(batch, {
    receivedAtMs: received.getTime(),
    retentionDays: getEnv().CW_RAW_RETENTION_DAYS,
    hashDeviceId,
  });
  await readyPartitions(received);
  const stored = await storeEvents(await getDb(), key.projectId, events, received);
  countOutcome(key, events, stored.duplicateIndexes, rejected);
  return { accepted: stored.accepted, duplicates: stored.duplicateIndexes.length, rejected };
}

function countOutcome(
  key: KeyPrincipal,
  events: NormalizedEvent[],
  duplicates: number[],
  rejected: Rejection[],
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
}

/**
 * Times a whole ingest request and counts its outcome by status (errors included), for any
 * front door.
 */
export async function observeIngest(
  endpoint: string,
  respond: () => Promise<Response>,
): Promise<Response> {
  const m = metrics();
  const stop = m.ingestDuration.startTimer({ endpoint });
  const response = await respond();
  stop();
  m.ingestRequests.inc({ endpoint, status: String(response.status) });
  return response;
}

/** POST /api/v1/events: admission, decoding, validation, storage. */
export async function ingestRequest(request: Request, key: KeyPrincipal): Promise<IngestResponse> {
  return admit(key, async () => {
    const body = await readBodyBytes(request, MAX_BODY_BYTES);
    const batch = await decodeBatch(body, {
      contentType: request.headers.get("content-type"),
      contentEncoding: request.headers.get("content-encoding"),
    });
    return ingestRawBatch(key, batch);
  });
}
