/**
 * From a decoded batch to events ready to store: each event validated on its own, merged with
 * the batch context (the event's own fields win), placed in time (clock.ts), and its deviceId
 * replaced by a keyed hash. Bad events are listed by index with a reason; the rest go on.
 */
import { HttpError } from "../http/problem";
import { measureDrift, placeInTime } from "./clock";
import type { RawBatch } from "./decode";
import { contextSchema, eventSchema, MAX_ATTRIBUTES, type EventContext } from "./event-schema";

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

export interface Rejection {
  index: number;
  error: string;
}

export interface ValidatedBatch {
  events: NormalizedEvent[];
  rejected: Rejection[];
}

export interface ValidateOptions {
  receivedAtMs: number;
  retentionDays: number;
  hashDeviceId: (deviceId: string) => string;
}

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) =>
      issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message,
    )
    .join("; ");
}

function parseContext(context: unknown): EventContext {
  if (context === undefined) return {};
  const parsed = contextSchema.safeParse(context);
  if (!parsed.success) {
    throw new HttpError(400, "The batch context is invalid.", {
      slug: "invalid-body",
      errors: parsed.error.issues.map((i) => ({
        field: ["body", "context", ...i.path.map(String)].join("."),
        message: i.message,
      })),
    });
  }
  return parsed.data;
}

export function validateBatch(batch: RawBatch, options: ValidateOptions): ValidatedBatch {
  const context = parseContext(batch.context);
  const hasContext = Object.keys(context).length > 0;
  const correction = measureDrift(options.receivedAtMs, batch.sentAt);
  const receivedAt = new Date(options.receivedAtMs);
  const events: NormalizedEvent[] = [];
  const rejected: Rejection[] = [];

  batch.events.forEach((raw, index) => {
    if (!raw.ok) {
      rejected.push({ index, error: raw.error });
      return;
    }
    const parsed = eventSchema.safeParse(raw.value);
    if (!parsed.success) {
      rejected.push({ index, error: describeIssues(parsed.error) });
      return;
    }
    // Most batches carry no context: then the parsed event is used as it is, not copied.
    const event = hasContext ? { ...context, ...parsed.data } : parsed.data;
    const attributes =
      context.attributes || parsed.data.attributes
        ? { ...context.attributes, ...parsed.data.attributes }
        : null;
    if (attributes && Object.keys(attributes).length > MAX_ATTRIBUTES) {
      rejected.push({
        index,
        error: `attributes: at most ${MAX_ATTRIBUTES} with the batch context's`,
      });
      return;
    }
    const time = placeInTime(
      event.timestamp,
      options.receivedAtMs,
      correction,
      options.retentionDays,
    );
    if (!time.ok) {
      rejected.push({ index, error: time.error });
      return;
    }
    events.push({
      index,
      code: event.code,
      eventId: event.eventId ?? null,
      occurredAt: new Date(time.occurredAtMs),
      receivedAt,
      clockDriftMs: correction.driftMs,
      host: event.host ?? null,
      remoteIp: event.remoteIp ?? null,
      httpProtocol: event.httpProtocol ?? null,
      exception: event.exception ?? null,
      message: event.message ?? null,
      cause: event.cause ?? null,
      app: event.app ?? null,
      appVersion: event.appVersion ?? null,
      sdkVersion: event.sdkVersion ?? null,
      platform: event.platform ?? null,
      osVersion: event.osVersion ?? null,
      apiLevel: event.apiLevel ?? null,
      deviceModel: event.deviceModel ?? null,
      deviceHash: event.deviceId ? options.hashDeviceId(event.deviceId) : null,
      network: event.network ?? null,
      carrier: event.carrier ?? null,
      region: event.region ?? null,
      locale: event.locale ?? null,
      attributes,
    });
  });
  return { events, rejected };
}
