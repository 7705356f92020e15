/**
 * The OTLP/HTTP logs wire format, both ways: a request body (protobuf or OTLP/JSON, optionally
 * gzip) becomes a flat list of log records, each with its resource's attributes; the answer is an
 * ExportLogsServiceResponse in the request's encoding. Whole-request problems are domain errors
 * (InvalidInputError undecodable, TooLargeError, UnsupportedError media type), as on our own
 * ingest endpoint.
 *
 * Both encodings go through one reader: a protobuf message is turned into a plain object with
 * the JSON field names first, so the differences left are the ones OTLP/JSON defines (64-bit
 * integers as numbers or decimal strings, trace and span ids as hex, bytes values as base64).
 */
import { decompress, MAX_BODY_BYTES } from "../decode";
import { MAX_EVENTS_PER_BATCH } from "../event-schema";
import { InvalidInputError, TooLargeError, UnsupportedError } from "../../errors";
import { ExportLogsServiceRequest, ExportLogsServiceResponse } from "./proto/logs";

export type OtlpEncoding = "protobuf" | "json";

/** An AnyValue: int64 as bigint, double as number, bytes as Uint8Array, kvlist as a Map. */
export type OtlpValue =
  string | boolean | bigint | number | Uint8Array | OtlpValue[] | Map<string, OtlpValue> | null;

export type OtlpAttributes = Map<string, OtlpValue>;

export interface OtlpLogRecord {
  /** Position in the request, counting across all resources and scopes. */
  index: number;
  /** 0n when unset. */
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: OtlpValue;
  attributes: OtlpAttributes;
  /** Lowercase hex, "" when unset. */
  traceId: string;
  spanId: string;
  eventName: string;
  /** The attributes of the record's resource (shared by the records of one ResourceLogs). */
  resource: OtlpAttributes;
  scope: { name: string; version: string };
}

export interface DecodedLogs {
  encoding: OtlpEncoding;
  records: OtlpLogRecord[];
}

export interface PartialSuccess {
  rejectedLogRecords: number;
  errorMessage: string;
}

/** Deeper AnyValues are cut off (as null); attributes codewatch reads are flat. */
const MAX_VALUE_DEPTH = 16;

const PROTOBUF_TYPES = new Set(["application/x-protobuf", "application/protobuf"]);

/** A structurally wrong body; `at` names the place, as in `resourceLogs[0].scopeLogs[1]`. */
class MalformedBody extends Error {
  constructor(
    readonly at: string,
    readonly problem: string,
  ) {
    super(`${at}: ${problem}`);
  }
}

function mediaType(contentType: string | null): OtlpEncoding {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (PROTOBUF_TYPES.has(type)) return "protobuf";
  if (type === "application/json") return "json";
  throw new UnsupportedError("Send application/x-protobuf or application/json (OTLP/HTTP).");
}

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function object(value: unknown, at: string): Plain {
  if (value === undefined || value === null) return {};
  if (!isPlain(value)) throw new MalformedBody(at, "must be an object");
  return value;
}

function list(value: unknown, at: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MalformedBody(at, "must be an array");
  return value;
}

function text(value: unknown, at: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw new MalformedBody(at, "must be a string");
  return value;
}

/** A 64-bit integer: a JSON number, or a decimal string (OTLP/JSON and protobuf longs alike). */
function int64(value: unknown, at: string): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d{1,20}$/.test(value)) return BigInt(value);
  throw new MalformedBody(at, "must be an integer or a decimal string");
}

function int32(value: unknown, at: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  // Enums are integers in OTLP/JSON; a name (a proto3 JSON habit) carries no number we need.
  if (typeof value === "string") return /^-?\d+$/.test(value) ? Number(value) : 0;
  throw new MalformedBody(at, "must be an integer");
}

function double(value: unknown, at: string): number {
  if (typeof value === "number") return value;
  if (value === "NaN") return NaN;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  throw new MalformedBody(at, "must be a number");
}

/** Trace and span ids: bytes from protobuf, hex in OTLP/JSON. An unreadable id is left out. */
function id(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  if (typeof value === "string" && /^(?:[0-9a-fA-F]{2})*$/.test(value)) {
    return value.toLowerCase();
  }
  return "";
}

function bytes(value: unknown, at: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === "string" && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) {
    return new Uint8Array(Buffer.from(value, "base64"));
  }
  throw new MalformedBody(at, "must be base64");
}

function anyValue(raw: unknown, at: string, depth = 0): OtlpValue {
  if (raw === undefined || raw === null) return null;
  if (depth > MAX_VALUE_DEPTH) return null;
  const value = object(raw, at);
  if (value.stringValue != null) return text(value.stringValue, `${at}.stringValue`);
  if (value.boolValue != null) {
    if (typeof value.boolValue !== "boolean") {
      throw new MalformedBody(`${at}.boolValue`, "must be a boolean");
    }
    return value.boolValue;
  }
  if (value.intValue != null) return int64(value.intValue, `${at}.intValue`);
  if (value.doubleValue != null) return double(value.doubleValue, `${at}.doubleValue`);
  if (value.bytesValue != null) return bytes(value.bytesValue, `${at}.bytesValue`);
  if (value.arrayValue != null) {
    const items = list(object(value.arrayValue, `${at}.arrayValue`).values, `${at}.arrayValue`);
    return items.map((item, i) => anyValue(item, `${at}.arrayValue.values[${i}]`, depth + 1));
  }
  if (value.kvlistValue != null) {
    const at2 = `${at}.kvlistValue.values`;
    return keyValues(object(value.kvlistValue, at2).values, at2, depth + 1);
  }
  return null;
}

function keyValues(raw: unknown, at: string, depth = 0): OtlpAttributes {
  const result: OtlpAttributes = new Map();
  list(raw, at).forEach((item, i) => {
    const pair = object(item, `${at}[${i}]`);
    const key = text(pair.key, `${at}[${i}].key`);
    // Duplicate keys are invalid in OTLP; the last one wins, as in most SDKs' maps.
    result.set(key, anyValue(pair.value, `${at}[${i}].value`, depth));
  });
  return result;
}

/** Flattens an ExportLogsServiceRequest (as a plain object with JSON field names). */
function readRequest(request: unknown): OtlpLogRecord[] {
  const records: OtlpLogRecord[] = [];
  list(object(request, "body").resourceLogs, "resourceLogs").forEach((rawResourceLogs, r) => {
    const atR = `resourceLogs[${r}]`;
    const resourceLogs = object(rawResourceLogs, atR);
    const resource = object(resourceLogs.resource, `${atR}.resource`);
    const resourceAttributes = keyValues(resource.attributes, `${atR}.resource.attributes`);
    list(resourceLogs.scopeLogs, `${atR}.scopeLogs`).forEach((rawScopeLogs, s) => {
      const atS = `${atR}.scopeLogs[${s}]`;
      const scopeLogs = object(rawScopeLogs, atS);
      const scope = object(scopeLogs.scope, `${atS}.scope`);
      const scopeInfo = {
        name: text(scope.name, `${atS}.scope.name`),
        version: text(scope.version, `${atS}.scope.version`),
      };
      list(scopeLogs.logRecords, `${atS}.logRecords`).forEach((rawRecord, l) => {
        if (records.length >= MAX_EVENTS_PER_BATCH) throw tooManyRecords();
        const at = `${atS}.logRecords[${l}]`;
        const record = object(rawRecord, at);
        records.push({
          index: records.length,
          timeUnixNano: int64(record.timeUnixNano, `${at}.timeUnixNano`),
          observedTimeUnixNano: int64(record.observedTimeUnixNano, `${at}.observedTimeUnixNano`),
          severityNumber: int32(record.severityNumber, `${at}.severityNumber`),
          severityText: text(record.severityText, `${at}.severityText`),
          body: anyValue(record.body, `${at}.body`),
          attributes: keyValues(record.attributes, `${at}.attributes`),
          traceId: id(record.traceId),
          spanId: id(record.spanId),
          eventName: text(record.eventName, `${at}.eventName`),
          resource: resourceAttributes,
          scope: scopeInfo,
        });
      });
    });
  });
  return records;
}

const tooManyRecords = () =>
  new TooLargeError(
    `At most ${MAX_EVENTS_PER_BATCH} log records and ${MAX_BODY_BYTES} bytes (decompressed) per request.`,
  );

function undecodable(detail: string): InvalidInputError {
  return new InvalidInputError(detail, [], "invalid-body");
}

function parseProtobuf(body: Buffer): unknown {
  try {
    const message = ExportLogsServiceRequest.decode(body);
    // Longs as decimal strings (exact, like OTLP/JSON); bytes stay Uint8Array.
    return ExportLogsServiceRequest.toObject(message, { longs: String });
  } catch {
    throw undecodable("The body is not a protobuf ExportLogsServiceRequest.");
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body)) as unknown;
  } catch {
    throw undecodable("The body is not valid UTF-8 JSON.");
  }
}

/** Reads the (already size-limited) body of a POST /v1/logs. */
export async function decodeLogsRequest(
  body: Buffer,
  headers: { contentType: string | null; contentEncoding: string | null },
): Promise<DecodedLogs> {
  const encoding = mediaType(headers.contentType);
  const bytes = await decompress(body, headers.contentEncoding);
  const request = encoding === "protobuf" ? parseProtobuf(bytes) : parseJson(bytes);
  try {
    return { encoding, records: readRequest(request) };
  } catch (error) {
    if (error instanceof MalformedBody) {
      throw new InvalidInputError(
        "The body is not a valid ExportLogsServiceRequest.",
        [{ field: `body.${error.at}`, message: error.problem }],
        "invalid-body",
      );
    }
    throw error;
  }
}

/** An encoded ExportLogsServiceResponse: the bytes (or text) and their media type. */
export interface EncodedLogsResponse {
  contentType: string;
  body: Uint8Array | string;
}

/**
 * The answer to an export: ExportLogsServiceResponse in the request's encoding, with
 * partialSuccess only when something was rejected or changed. In JSON, the int64 count is a
 * decimal string, as OTLP/JSON has it.
 */
export function encodeLogsResponse(
  encoding: OtlpEncoding,
  partial: PartialSuccess | undefined,
): EncodedLogsResponse {
  if (encoding === "json") {
    const body = partial
      ? {
          partialSuccess: {
            rejectedLogRecords: String(partial.rejectedLogRecords),
            errorMessage: partial.errorMessage,
          },
        }
      : {};
    return { contentType: "application/json", body: JSON.stringify(body) };
  }
  const message = ExportLogsServiceResponse.create(partial ? { partialSuccess: partial } : {});
  return {
    contentType: "application/x-protobuf",
    body: ExportLogsServiceResponse.encode(message).finish(),
  };
}
