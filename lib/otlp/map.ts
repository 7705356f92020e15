/**
 * From OTLP log records to codewatch events (the shape `eventSchema` accepts), without I/O.
 *
 * A record is an event when its own attributes carry an integer `error.code` (an int value, a
 * whole double, or a string of decimal digits: SDKs that stringify attributes are common, and a
 * string like "E42" is not a code). Resource attributes never make a record an event: one stray
 * resource attribute must not turn every info log of a service into an error.
 * OpenTelemetry semantic conventions fill the event's fields (record attributes win over resource
 * attributes); record attributes nothing reads go to `attributes`. Values the event schema would
 * refuse are trimmed or dropped here, so one odd attribute never costs the whole event.
 */
import type { RawBatch } from "../ingest/decode";
import {
  contextFields,
  MAX_ATTRIBUTES,
  MAX_FIELD_LENGTH,
  MAX_TEXT_LENGTH,
  type EventInput,
} from "../ingest/event-schema";
import type { Rejection } from "../ingest/validate";
import type { OtlpAttributes, OtlpLogRecord, OtlpValue, PartialSuccess } from "./decode";

export const ERROR_CODE = "error.code";

/** Attribute keys (semantic conventions) that become event fields, not `attributes`. */
const MAPPED_KEYS = new Set([
  ERROR_CODE,
  "log.record.uid",
  "exception.type",
  "exception.message",
  "exception.stacktrace",
  "server.address",
  "network.peer.address",
  "server.socket.address",
  "network.protocol.name",
  "network.protocol.version",
  "service.name",
  "service.version",
  "os.name",
  "os.type",
  "os.version",
  "android.os.api_level",
  "device.model.identifier",
  "device.model.name",
  "device.id",
  "network.connection.type",
  "network.carrier.name",
  "geo.region.iso_code",
  "cloud.region",
]);

const MAX_ATTRIBUTE_KEY_LENGTH = 64;

export type MappedRecord = { ok: true; event: EventInput } | { ok: false; reason: string };

/** Cuts a string to `max` UTF-16 units without leaving half a surrogate pair at the end. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** A scalar attribute as text ("" for none, and for arrays, maps and bytes). */
function asText(value: OtlpValue | undefined): string {
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "";
}

/** An integer attribute: int, whole double, or a string of digits; undefined otherwise. */
function asInteger(value: OtlpValue | undefined): number | undefined {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d{1,16}$/.test(value)) return Number(value);
  return undefined;
}

function short(value: OtlpValue | undefined): string | undefined {
  const text = asText(value).trim();
  return text ? truncate(text, MAX_FIELD_LENGTH) : undefined;
}

function long(value: OtlpValue | undefined): string | undefined {
  const text = asText(value).trim();
  return text ? truncate(text, MAX_TEXT_LENGTH) : undefined;
}

/** `network.protocol.name` + `.version` in the spelling of ALPN ids: "h2", "http/1.1". */
export function httpProtocol(name: string, version: string): string | undefined {
  const n = name.trim().toLowerCase();
  const v = version.trim();
  if (!n) return undefined;
  if (n === "http" && (v === "2" || v === "2.0")) return "h2";
  if (n === "http" && (v === "3" || v === "3.0")) return "h3";
  return truncate(v ? `${n}/${v}` : n, MAX_FIELD_LENGTH);
}

/** The innermost "Caused by:" line of a (Java-style) stack trace: the root cause. */
export function rootCause(stacktrace: string): string | undefined {
  const causes = [...stacktrace.matchAll(/^\s*Caused by:\s*(.+?)\s*$/gm)];
  const last = causes.at(-1)?.[1];
  return last ? truncate(last, MAX_TEXT_LENGTH) : undefined;
}

function remoteIp(value: OtlpValue | undefined): string | undefined {
  const text = asText(value).trim();
  return contextFields.remoteIp.safeParse(text).success ? text : undefined;
}

function apiLevel(value: OtlpValue | undefined): number | undefined {
  const level = asInteger(value);
  return level !== undefined && level >= 1 && level <= 1000 ? level : undefined;
}

/** Nanoseconds since the epoch to milliseconds; the observed time when the event time is unset. */
function timestampMs(record: OtlpLogRecord): number | undefined {
  const nanos = record.timeUnixNano > 0n ? record.timeUnixNano : record.observedTimeUnixNano;
  return nanos > 0n ? Number(nanos / 1_000_000n) : undefined;
}

/** A record attribute as an event attribute value, or undefined when it cannot be one. */
function attributeValue(value: OtlpValue): string | number | boolean | undefined {
  if (typeof value === "string") return truncate(value, MAX_FIELD_LENGTH);
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "bigint") {
    // Past 2^53 a number would round: keep the exact digits as text.
    return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  }
  return undefined;
}

/**
 * The record's own unmapped scalar attributes, then its trace and span ids, up to the event
 * schema's limits: keys over 64 characters and non-scalar values are dropped, strings cut.
 */
function extraAttributes(record: OtlpLogRecord): EventInput["attributes"] {
  const result: Record<string, string | number | boolean> = {};
  let count = 0;
  const add = (key: string, value: string | number | boolean | undefined) => {
    if (count >= MAX_ATTRIBUTES || value === undefined) return;
    if (!key || key.length > MAX_ATTRIBUTE_KEY_LENGTH || Object.hasOwn(result, key)) return;
    Object.defineProperty(result, key, { value, enumerable: true, writable: true });
    count += 1;
  };
  for (const [key, value] of record.attributes) {
    if (!MAPPED_KEYS.has(key)) add(key, attributeValue(value));
  }
  if (record.traceId) add("trace_id", record.traceId);
  if (record.spanId) add("span_id", record.spanId);
  return count ? result : undefined;
}

/** Drops undefined fields, so the event has only what the record said. */
function compact(event: EventInput): EventInput {
  return Object.fromEntries(
    Object.entries(event).filter(([, value]) => value !== undefined),
  ) as EventInput;
}

export function mapLogRecord(record: OtlpLogRecord): MappedRecord {
  if (!record.attributes.has(ERROR_CODE)) {
    return { ok: false, reason: `no ${ERROR_CODE} attribute` };
  }
  const code = asInteger(record.attributes.get(ERROR_CODE));
  if (code === undefined) return { ok: false, reason: `${ERROR_CODE} is not an integer` };

  const merged: OtlpAttributes = new Map([...record.resource, ...record.attributes]);
  const get = (key: string) => merged.get(key);
  const uid = asText(get("log.record.uid"));
  const service = short(get("service.name"));
  const stacktrace = asText(get("exception.stacktrace"));
  const os = short(get("os.name")) ?? short(get("os.type"));

  return {
    ok: true,
    event: compact({
      code,
      timestamp: timestampMs(record),
      // A uid too long to store would be cut into someone else's id: go without idempotency.
      eventId: uid && uid.length <= MAX_FIELD_LENGTH ? uid : undefined,
      exception: short(get("exception.type")),
      message: long(get("exception.message")) ?? long(record.body),
      cause: stacktrace ? rootCause(stacktrace) : undefined,
      host: short(get("server.address")),
      remoteIp: remoteIp(get("network.peer.address")) ?? remoteIp(get("server.socket.address")),
      httpProtocol: httpProtocol(
        asText(get("network.protocol.name")),
        asText(get("network.protocol.version")),
      ),
      // The SDKs' placeholder when no service name was configured says nothing about the app.
      app: service?.startsWith("unknown_service") ? undefined : service,
      appVersion: short(get("service.version")),
      platform: os?.toLowerCase(),
      osVersion: short(get("os.version")),
      apiLevel: apiLevel(get("android.os.api_level")),
      deviceModel: short(get("device.model.identifier")) ?? short(get("device.model.name")),
      deviceId: short(get("device.id")),
      network: short(get("network.connection.type")),
      carrier: short(get("network.carrier.name")),
      region: short(get("geo.region.iso_code")) ?? short(get("cloud.region")),
      attributes: extraAttributes(record),
    }),
  };
}

export interface LogsBatch {
  batch: RawBatch;
  /** Reasons of the records that did not become events, one per record. */
  notEvents: string[];
}

/** The events of a request, ready for `ingestRawBatch`, and why the other records were left. */
export function toRawBatch(records: OtlpLogRecord[]): LogsBatch {
  const batch: RawBatch = { events: [] };
  const notEvents: string[] = [];
  for (const record of records) {
    const mapped = mapLogRecord(record);
    if (mapped.ok) batch.events.push({ ok: true, value: mapped.event });
    else notEvents.push(mapped.reason);
  }
  return { batch, notEvents };
}

const MAX_REASONS_LISTED = 5;

/**
 * OTLP's partialSuccess: every record that is not stored as an event (not an event, or an event
 * validation refused), with the reasons grouped and counted. Duplicates were stored before, so
 * they are not rejections. Undefined when nothing was rejected.
 */
export function partialSuccess(
  notEvents: string[],
  invalid: Pick<Rejection, "error">[],
): PartialSuccess | undefined {
  const reasons = [...notEvents, ...invalid.map((r) => `invalid event (${r.error})`)];
  if (reasons.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const groups = [...counts].sort((a, b) => b[1] - a[1]);
  const listed = groups
    .slice(0, MAX_REASONS_LISTED)
    .map(([reason, n]) => `${n} log record${n === 1 ? "" : "s"}: ${reason}`);
  if (groups.length > MAX_REASONS_LISTED) {
    listed.push(`and ${groups.length - MAX_REASONS_LISTED} other reasons`);
  }
  return { rejectedLogRecords: reasons.length, errorMessage: listed.join("; ") };
}
