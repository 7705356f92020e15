/**
 * An event as the telemetry tables store it: validated, placed in time, its deviceId replaced by
 * a keyed hash. Ingest (lib/ingest/validate.ts) makes these; the write path (store.ts) stores them.
 */
export interface NormalizedEvent {
  /** Position in the request, for the response's `rejected` and `duplicates`. */
  index: number;
  code: number;
  eventId: string | null;
  occurredAt: Date;
  receivedAt: Date;
  /** received − sentAt for the batch, in ms; null when the batch had no sentAt. */
  clockDriftMs: number | null;
  host: string | null;
  remoteIp: string | null;
  httpProtocol: string | null;
  exception: string | null;
  message: string | null;
  cause: string | null;
  app: string | null;
  appVersion: string | null;
  sdkVersion: string | null;
  platform: string | null;
  osVersion: string | null;
  apiLevel: number | null;
  deviceModel: string | null;
  /** Keyed hash of the client's deviceId; the id itself is never stored. */
  deviceHash: string | null;
  network: string | null;
  carrier: string | null;
  region: string | null;
  locale: string | null;
  attributes: Record<string, string | number | boolean> | null;
}
