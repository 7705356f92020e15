/**
 * From a decoded batch to events ready to store: each event checked on its own (fields.ts),
 * merged with the batch context (the event's own fields win), placed in time (clock.ts), and
 * its deviceId replaced by a keyed hash. An event is rejected only for what identifies or
 * places it (code, timestamp, eventId); any other malformed field is cleaned or dropped and the
 * event is stored, with a warning that says what was removed. Bad events are listed by index
 * with a reason; the rest go on.
 */
import type { NormalizedEvent } from "../telemetry/event";
import { measureDrift, placeInTime } from "./clock";
import type { RawBatch } from "./decode";
import { MAX_ATTRIBUTES } from "./event-schema";
import {
  checkCode,
  checkEventId,
  checkInstant,
  cleanAttributes,
  describe,
  OPTIONAL_FIELDS,
  type AttributeValue,
  type OptionalField,
  type OptionalValues,
} from "./fields";

export interface Rejection {
  index: number;
  error: string;
}

/**
 * Something of an event that was cleaned or dropped; the event itself was stored. `index` is
 * the event's position in the request; a warning about the batch's `context` has none.
 */
export interface Warning {
  index?: number;
  field: string;
  reason: string;
}

export interface ValidatedBatch {
  events: NormalizedEvent[];
  rejected: Rejection[];
  warnings: Warning[];
}

export interface ValidateOptions {
  receivedAtMs: number;
  retentionDays: number;
  hashDeviceId: (deviceId: string) => string;
}

const IDENTITY_FIELDS = new Set(["code", "timestamp", "eventId"]);
const isOptionalField = (key: string): key is OptionalField => Object.hasOwn(OPTIONAL_FIELDS, key);

interface CleanFields {
  values: OptionalValues;
  attributes?: Record<string, AttributeValue>;
}

/**
 * The optional fields of an event or of the batch context, cleaned; every change is reported
 * through `warn`. Keys that are not fields are dropped (`identity` lists those handled apart).
 */
function cleanFields(
  source: Record<string, unknown>,
  warn: (field: string, reason: string) => void,
  identity: ReadonlySet<string>,
  attributeRoom = MAX_ATTRIBUTES,
): CleanFields {
  const values: OptionalValues = {};
  let attributes: Record<string, AttributeValue> | undefined;
  for (const [key, raw] of Object.entries(source)) {
    if (identity.has(key)) continue;
    if (key === "attributes") {
      attributes = cleanAttributes(raw, warn, attributeRoom);
    } else if (isOptionalField(key)) {
      if (raw === null || raw === undefined) continue;
      const cleaned = OPTIONAL_FIELDS[key](raw);
      if (cleaned.warning) warn(key, cleaned.warning);
      if (cleaned.value !== undefined) (values as Record<string, unknown>)[key] = cleaned.value;
    } else {
      warn(key.toWellFormed(), "not a field of an event; dropped");
    }
  }
  return { values, attributes };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The batch context, cleaned; a context that is not an object is dropped whole. */
function cleanContext(context: unknown, warnings: Warning[]): CleanFields {
  if (context === undefined) return { values: {} };
  const warn = (field: string, reason: string) =>
    warnings.push({ field: `context.${field}`, reason });
  if (!isRecord(context)) {
    warnings.push({
      field: "context",
      reason: `must be an object, got ${describe(context)}; dropped`,
    });
    return { values: {} };
  }
  return cleanFields(context, warn, new Set());
}

/**
 * Checks and normalises every event of `batch`; throws nothing. Events come out in request
 * order with their index; `rejected` and `warnings` name indexes of the request too.
 */
export function validateBatch(batch: RawBatch, options: ValidateOptions): ValidatedBatch {
  const warnings: Warning[] = [];
  const context = cleanContext(batch.context, warnings);
  const contextAttributes = Object.keys(context.attributes ?? {}).length;
  const correction = measureDrift(options.receivedAtMs, batch.sentAt);
  const receivedAt = new Date(options.receivedAtMs);
  const events: NormalizedEvent[] = [];
  const rejected: Rejection[] = [];

  batch.events.forEach((raw, index) => {
    if (!raw.ok) {
      rejected.push({ index, error: raw.error });
      return;
    }
    if (!isRecord(raw.value)) {
      rejected.push({ index, error: `must be an object, got ${describe(raw.value)}` });
      return;
    }
    const input = raw.value;
    const code = checkCode(input.code);
    if (!code.ok) return rejected.push({ index, error: `code: ${code.reason}` });
    const eventId = input.eventId === undefined ? undefined : checkEventId(input.eventId);
    if (eventId && !eventId.ok)
      return rejected.push({ index, error: `eventId: ${eventId.reason}` });
    const timestamp = input.timestamp === undefined ? undefined : checkInstant(input.timestamp);
    if (timestamp && !timestamp.ok) {
      return rejected.push({ index, error: `timestamp: ${timestamp.reason}` });
    }
    const time = placeInTime(
      timestamp?.value,
      options.receivedAtMs,
      correction,
      options.retentionDays,
    );
    if (!time.ok) return rejected.push({ index, error: time.error });

    const own = cleanFields(
      input,
      (field, reason) => warnings.push({ index, field, reason }),
      IDENTITY_FIELDS,
      // The context's attributes come first; the event's own take what room is left.
      MAX_ATTRIBUTES - contextAttributes,
    );
    const fields = { ...context.values, ...own.values };
    const attributes =
      context.attributes || own.attributes ? { ...context.attributes, ...own.attributes } : null;
    events.push({
      index,
      code: code.value,
      eventId: eventId?.value ?? null,
      occurredAt: new Date(time.occurredAtMs),
      receivedAt,
      clockDriftMs: correction.driftMs,
      host: fields.host ?? null,
      remoteIp: fields.remoteIp ?? null,
      httpProtocol: fields.httpProtocol ?? null,
      exception: fields.exception ?? null,
      message: fields.message ?? null,
      cause: fields.cause ?? null,
      app: fields.app ?? null,
      appVersion: fields.appVersion ?? null,
      sdkVersion: fields.sdkVersion ?? null,
      platform: fields.platform ?? null,
      osVersion: fields.osVersion ?? null,
      apiLevel: fields.apiLevel ?? null,
      deviceModel: fields.deviceModel ?? null,
      deviceHash: fields.deviceId ? options.hashDeviceId(fields.deviceId) : null,
      network: fields.network ?? null,
      carrier: fields.carrier ?? null,
      region: fields.region ?? null,
      locale: fields.locale ?? null,
      attributes,
    });
  });
  return { events, rejected, warnings };
}
