/**
 * From OTLP log records to codewatch events (the shape `eventSchema` accepts), without I/O.
 *
 * A record is an event when its own attributes carry an integer `error.code` (an int value, a
 * whole double, or a string of decimal digits: SDKs that stringify attributes are common, and a
 * string like "E42" is not a code). Resource attributes never make a record an event: one stray
 * resource attribute must not turn every info log of a service into an error.
 * OpenTelemetry semantic conventions fill the event's fields (record attributes win over resource
 * attributes); record attributes nothing reads go to `attributes`. Values are passed on as the
 * record has them: ingest's validation cleans or drops what it cannot store, with a warning,
 * so one odd attribute never costs the whole event (lib/ingest/fields.ts).
 */
import type { RawBatch } from "../decode";
import { MAX_FIELD_LENGTH } from "../event-schema";
import { checkEventId, truncate } from "../fields";
import type { Rejection, Warning } from "../validate";
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

/** An event as ingest's validation takes it (fields as the record had them). */
export type MappedEvent = Record<string, unknown>;

export type MappedRecord =
  | { ok: true; event: MappedEvent; warnings: { field: string; reason: string }[] }
  | { ok: false; reason: string };

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

/** A scalar attribute as trimmed text, or undefined when it has none. */
function text(value: OtlpValue | undefined): string | undefined {
  return asText(value).trim() || undefined;
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
  return last || undefined;
}

const IP_SHAPE = /^[0-9a-fA-F:.]+$/;

/** The first of the values that looks like an address; else the first given (validation decides). */
function remoteIp(...values: (OtlpValue | undefined)[]): string | undefined {
  const given = values.map(text).filter((v): v is string => v !== undefined);
  return given.find((v) => IP_SHAPE.test(v)) ?? given[0];
}

/** An integer attribute as a number; other values as they are (validation explains them). */
function integerOrRaw(value: OtlpValue | undefined): unknown {
  return asInteger(value) ?? (value === null ? undefined : value);
}

/** Nanoseconds since the epoch to milliseconds; the observed time when the event time is unset. */
function timestampMs(record: OtlpLogRecord): number | undefined {
  const nanos = record.timeUnixNano > 0n ? record.timeUnixNano : record.observedTimeUnixNano;
  return nanos > 0n ? Number(nanos / 1_000_000n) : undefined;
}

/** A record attribute as an event attribute value; validation drops what cannot be one. */
function attributeValue(value: OtlpValue): unknown {
  if (typeof value === "bigint") {
    // Past 2^53 a number would round: keep the exact digits as text.
    return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  }
  return value;
}

/** The record's own unmapped attributes, then its trace and span ids. */
function extraAttributes(record: OtlpLogRecord): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  const add = (key: string, value: unknown) => {
    if (value === undefined || value === null || Object.hasOwn(result, key)) return;
    // defineProperty: an attribute named "__proto__" must not reach the prototype.
    Object.defineProperty(result, key, { value, enumerable: true, writable: true });
  };
  for (const [key, value] of record.attributes) {
    if (!MAPPED_KEYS.has(key)) add(key, attributeValue(value));
  }
  if (record.traceId) add("trace_id", record.traceId);
  if (record.spanId) add("span_id", record.spanId);
  return Object.keys(result).length ? result : undefined;
}

/** Drops undefined fields, so the event has only what the record said. */
function compact(event: MappedEvent): MappedEvent {
  return Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined));
}

export function mapLogRecord(record: OtlpLogRecord): MappedRecord {
  if (!record.attributes.has(ERROR_CODE)) {
    return { ok: false, reason: `no ${ERROR_CODE} attribute` };
  }
  const code = asInteger(record.attributes.get(ERROR_CODE));
  if (code === undefined) return { ok: false, reason: `${ERROR_CODE} is not an integer` };

  const merged: OtlpAttributes = new Map([...record.resource, ...record.attributes]);
  const get = (key: string) => merged.get(key);
  const warnings: { field: string; reason: string }[] = [];
  const uid = asText(get("log.record.uid"));
  // A uid that cannot be stored whole would be cut into someone else's id: go without
  // idempotency rather than lose the record.
  const eventId = uid ? checkEventId(uid) : undefined;
  if (eventId && !eventId.ok) {
    warnings.push({ field: "eventId", reason: `log.record.uid ${eventId.reason}; left out` });
  }
  const service = text(get("service.name"));
  const stacktrace = asText(get("exception.stacktrace"));
  const os = text(get("os.name")) ?? text(get("os.type"));

  return {
    ok: true,
    warnings,
    event: compact({
      code,
      timestamp: timestampMs(record),
      eventId: eventId?.ok ? eventId.value : undefined,
      exception: text(get("exception.type")),
      message: text(get("exception.message")) ?? text(record.body),
      cause: stacktrace ? rootCause(stacktrace) : undefined,
      host: text(get("server.address")),
      remoteIp: remoteIp(get("network.peer.address"), get("server.socket.address")),
      httpProtocol: httpProtocol(
        asText(get("network.protocol.name")),
        asText(get("network.protocol.version")),
      ),
      // The SDKs' placeholder when no service name was configured says nothing about the app.
      app: service?.startsWith("unknown_service") ? undefined : service,
      appVersion: text(get("service.version")),
      platform: os?.toLowerCase(),
      osVersion: text(get("os.version")),
      apiLevel: integerOrRaw(get("android.os.api_level")),
      deviceModel: text(get("device.model.identifier")) ?? text(get("device.model.name")),
      deviceId: text(get("device.id")),
      network: text(get("network.connection.type")),
      carrier: text(get("network.carrier.name")),
      region: text(get("geo.region.iso_code")) ?? text(get("cloud.region")),
      attributes: extraAttributes(record),
    }),
  };
}

export interface LogsBatch {
  batch: RawBatch;
  /** Reasons of the records that did not become events, one per record. */
  notEvents: string[];
  /** What the mapping left out of the events (index: the event's, in `batch`). */
  warnings: Warning[];
}

/** The events of a request, ready for ingest, and why the other records were left. */
export function toRawBatch(records: OtlpLogRecord[]): LogsBatch {
  const batch: RawBatch = { events: [] };
  const notEvents: string[] = [];
  const warnings: Warning[] = [];
  for (const record of records) {
    const mapped = mapLogRecord(record);
    if (!mapped.ok) {
      notEvents.push(mapped.reason);
      continue;
    }
    const index = batch.events.length;
    for (const warning of mapped.warnings) warnings.push({ index, ...warning });
    batch.events.push({ ok: true, value: mapped.event });
  }
  return { batch, notEvents, warnings };
}

const MAX_REASONS_LISTED = 5;

/** "3 log records: reason" for each reason, most frequent first, the first few of them. */
function grouped(reasons: string[]): string[] {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const groups = [...counts].sort((a, b) => b[1] - a[1]);
  const listed = groups
    .slice(0, MAX_REASONS_LISTED)
    .map(([reason, n]) => `${n} log record${n === 1 ? "" : "s"}: ${reason}`);
  if (groups.length > MAX_REASONS_LISTED) {
    listed.push(`and ${groups.length - MAX_REASONS_LISTED} other reasons`);
  }
  return listed;
}

/**
 * OTLP's partialSuccess: every record that is not stored as an event (not an event, or an event
 * validation refused), with the reasons grouped and counted, then what was cleaned or dropped
 * from records that were stored. OTLP lets a server send warnings with 0 rejected records
 * (opentelemetry-proto, otlp.md "Partial Success"). Duplicates were stored before, so they are
 * not rejections. Undefined when nothing was rejected or changed.
 */
export function partialSuccess(
  notEvents: string[],
  invalid: Pick<Rejection, "error">[],
  warnings: Pick<Warning, "field" | "reason">[] = [],
): PartialSuccess | undefined {
  const reasons = [...notEvents, ...invalid.map((r) => `invalid event (${r.error})`)];
  if (reasons.length === 0 && warnings.length === 0) return undefined;
  const changed = grouped(warnings.map((w) => `stored, but ${w.field} ${w.reason}`));
  return {
    rejectedLogRecords: reasons.length,
    errorMessage: [...grouped(reasons), ...changed].join("; "),
  };
}
