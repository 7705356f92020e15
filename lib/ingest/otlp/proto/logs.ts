/**
 * The opentelemetry-proto messages OTLP/HTTP logs needs (collector/logs/v1, logs/v1, common/v1,
 * resource/v1), written for codewatch with protobufjs's reflection API instead of .proto files:
 * nothing is read from disk at run time, so the module works the same under `next build`, the
 * dev server and the tests. Package names, field numbers and wire types follow the specification
 * (so the wire format matches); field names are the lowerCamelCase of the .proto names, which is
 * also the OTLP/JSON spelling, so a decoded message and a JSON body look alike.
 * Fields the specification has and codewatch never reads are left out; decoding skips them.
 */
import { Root, Type } from "protobufjs/light";

const COMMON = "opentelemetry.proto.common.v1";
const RESOURCE = "opentelemetry.proto.resource.v1";
const LOGS = "opentelemetry.proto.logs.v1";
const COLLECTOR = "opentelemetry.proto.collector.logs.v1";

const repeated = (type: string, id: number) => ({ rule: "repeated", type, id });
const field = (type: string, id: number) => ({ type, id });

const root = new Root();

root.define(COMMON, {
  AnyValue: {
    oneofs: {
      value: {
        oneof: [
          "stringValue",
          "boolValue",
          "intValue",
          "doubleValue",
          "arrayValue",
          "kvlistValue",
          "bytesValue",
        ],
      },
    },
    fields: {
      stringValue: field("string", 1),
      boolValue: field("bool", 2),
      intValue: field("int64", 3),
      doubleValue: field("double", 4),
      arrayValue: field("ArrayValue", 5),
      kvlistValue: field("KeyValueList", 6),
      bytesValue: field("bytes", 7),
    },
  },
  ArrayValue: { fields: { values: repeated("AnyValue", 1) } },
  KeyValueList: { fields: { values: repeated("KeyValue", 1) } },
  KeyValue: { fields: { key: field("string", 1), value: field("AnyValue", 2) } },
  InstrumentationScope: {
    fields: {
      name: field("string", 1),
      version: field("string", 2),
      attributes: repeated("KeyValue", 3),
      droppedAttributesCount: field("uint32", 4),
    },
  },
});

root.define(RESOURCE, {
  Resource: {
    fields: {
      attributes: repeated(`.${COMMON}.KeyValue`, 1),
      droppedAttributesCount: field("uint32", 2),
    },
  },
});

root.define(LOGS, {
  ResourceLogs: {
    fields: {
      resource: field(`.${RESOURCE}.Resource`, 1),
      scopeLogs: repeated("ScopeLogs", 2),
      schemaUrl: field("string", 3),
    },
  },
  ScopeLogs: {
    fields: {
      scope: field(`.${COMMON}.InstrumentationScope`, 1),
      logRecords: repeated("LogRecord", 2),
      schemaUrl: field("string", 3),
    },
  },
  LogRecord: {
    fields: {
      timeUnixNano: field("fixed64", 1),
      observedTimeUnixNano: field("fixed64", 11),
      // SeverityNumber is an enum on the wire: a varint, read here as its number.
      severityNumber: field("int32", 2),
      severityText: field("string", 3),
      body: field(`.${COMMON}.AnyValue`, 5),
      attributes: repeated(`.${COMMON}.KeyValue`, 6),
      droppedAttributesCount: field("uint32", 7),
      flags: field("fixed32", 8),
      traceId: field("bytes", 9),
      spanId: field("bytes", 10),
      eventName: field("string", 12),
    },
  },
});

root.define(COLLECTOR, {
  ExportLogsServiceRequest: {
    fields: { resourceLogs: repeated(`.${LOGS}.ResourceLogs`, 1) },
  },
  ExportLogsServiceResponse: {
    fields: { partialSuccess: field("ExportLogsPartialSuccess", 1) },
  },
  ExportLogsPartialSuccess: {
    fields: { rejectedLogRecords: field("int64", 1), errorMessage: field("string", 2) },
  },
});

/**
 * Strings that are not UTF-8 (a lone surrogate from a JavaScript client, an emoji cut in half by
 * a truncating SDK) are read with U+FFFD instead of refusing the whole export, which proto3's
 * default (utf8_validation VERIFY) does: one broken attribute must not cost every record of the
 * request. Ingest validation then cleans the field and reports it (lib/ingest/fields.ts). Set on
 * each message type: the types, not their namespaces, carry the proto3 edition.
 */
function readBrokenUtf8Leniently(namespace: { nestedArray: unknown[] }): void {
  for (const nested of namespace.nestedArray) {
    if (nested instanceof Type) nested.setOption("features.utf8_validation", "NONE");
    if ("nestedArray" in (nested as object)) readBrokenUtf8Leniently(nested as typeof namespace);
  }
}
readBrokenUtf8Leniently(root);

root.resolveAll();

export const ExportLogsServiceRequest: Type = root.lookupType(
  `${COLLECTOR}.ExportLogsServiceRequest`,
);
export const ExportLogsServiceResponse: Type = root.lookupType(
  `${COLLECTOR}.ExportLogsServiceResponse`,
);
