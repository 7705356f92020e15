import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { DomainError, InvalidInputError } from "../../errors";
import { MAX_BODY_BYTES } from "../decode";
import { decodeLogsRequest, encodeLogsResponse } from "./decode";
import { ExportLogsServiceResponse } from "./proto/logs";

const json = { contentType: "application/json", contentEncoding: null };
const protobuf = { contentType: "application/x-protobuf", contentEncoding: null };

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

const jsonBody = (value: unknown) => Buffer.from(JSON.stringify(value));

/** A request as the OTLP/JSON spec writes it: int64 as strings, ids as hex. */
const specRequest = {
  resourceLogs: [
    {
      resource: {
        attributes: [
          { key: "service.name", value: { stringValue: "smartlife" } },
          { key: "service.version", value: { stringValue: "5.2.1" } },
        ],
      },
      scopeLogs: [
        {
          scope: { name: "net", version: "1.0" },
          logRecords: [
            {
              timeUnixNano: "1764151200123456789",
              observedTimeUnixNano: "1764151200200000000",
              severityNumber: 17,
              severityText: "ERROR",
              traceId: "5B8EFFF798038103D269B633813FC60C",
              spanId: "eee19b7ec3c1b174",
              body: { stringValue: "request failed" },
              attributes: [
                { key: "error.code", value: { intValue: "50502" } },
                { key: "retries", value: { intValue: 3 } },
                { key: "ratio", value: { doubleValue: 0.5 } },
                { key: "ok", value: { boolValue: false } },
                { key: "raw", value: { bytesValue: "AQI=" } },
                {
                  key: "list",
                  value: { arrayValue: { values: [{ stringValue: "a" }, { intValue: "9" }] } },
                },
                {
                  key: "map",
                  value: { kvlistValue: { values: [{ key: "k", value: { stringValue: "v" } }] } },
                },
              ],
            },
          ],
        },
      ],
    },
    {
      resource: { attributes: [{ key: "service.name", value: { stringValue: "other" } }] },
      scopeLogs: [{ logRecords: [{ timeUnixNano: 1764151200000000000 }] }],
    },
  ],
};

/** Just enough of a protobuf writer to build wire bytes by field number, independently of ours. */
const varint = (value: bigint | number): number[] => {
  let v = BigInt(value);
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v ? byte | 0x80 : byte);
  } while (v);
  return out;
};
const lengthDelimited = (field: number, payload: number[]) => [
  ...varint((field << 3) | 2),
  ...varint(payload.length),
  ...payload,
];
const utf8 = (field: number, value: string) => lengthDelimited(field, [...Buffer.from(value)]);
const fixed64 = (field: number, value: bigint) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(value);
  return [...varint((field << 3) | 1), ...bytes];
};
const keyValue = (key: string, anyValue: number[]) => [
  ...utf8(1, key),
  ...lengthDelimited(2, anyValue),
];

describe("decodeLogsRequest, OTLP/JSON", () => {
  it("reads 64-bit integers given as strings or numbers, and hex trace and span ids", async () => {
    const { encoding, records } = await decodeLogsRequest(jsonBody(specRequest), json);
    expect(encoding).toBe("json");
    expect(records).toHaveLength(2);
    const [first, second] = records;
    expect(first).toMatchObject({
      index: 0,
      timeUnixNano: 1764151200123456789n,
      observedTimeUnixNano: 1764151200200000000n,
      severityNumber: 17,
      severityText: "ERROR",
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: "eee19b7ec3c1b174",
      body: "request failed",
      scope: { name: "net", version: "1.0" },
    });
    expect(first!.attributes.get("error.code")).toBe(50502n);
    expect(first!.attributes.get("retries")).toBe(3n);
    expect(first!.attributes.get("ratio")).toBe(0.5);
    expect(first!.attributes.get("ok")).toBe(false);
    expect(first!.attributes.get("raw")).toEqual(new Uint8Array([1, 2]));
    expect(first!.attributes.get("list")).toEqual(["a", 9n]);
    expect(first!.attributes.get("map")).toEqual(new Map([["k", "v"]]));
    expect(first!.resource.get("service.version")).toBe("5.2.1");
    expect(second).toMatchObject({ index: 1, timeUnixNano: 1764151200000000000n, traceId: "" });
    expect(second!.resource.get("service.name")).toBe("other");
  });

  it("accepts a charset parameter and an empty request", async () => {
    const headers = { ...json, contentType: "application/json; charset=utf-8" };
    expect(await decodeLogsRequest(jsonBody({}), headers)).toEqual({
      encoding: "json",
      records: [],
    });
  });

  it("leaves out a trace id that is not hex instead of refusing the request", async () => {
    const body = jsonBody({
      resourceLogs: [{ scopeLogs: [{ logRecords: [{ traceId: "W4j/95gDgQPSabYzgT/GDA==" }] }] }],
    });
    const { records } = await decodeLogsRequest(body, json);
    expect(records[0]!.traceId).toBe("");
  });

  it("reads gzip", async () => {
    const body = gzipSync(JSON.stringify(specRequest));
    const { records } = await decodeLogsRequest(body, { ...json, contentEncoding: "gzip" });
    expect(records).toHaveLength(2);
  });

  it("answers 400 naming the place of a structurally wrong body", async () => {
    const error = await failure(
      decodeLogsRequest(
        jsonBody({
          resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: "soon" }] }] }],
        }),
        json,
      ),
    );
    expect(error.kind).toBe("invalid-input");
    expect((error as InvalidInputError).errors).toEqual([
      {
        field: "body.resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano",
        message: "must be an integer or a decimal string",
      },
    ]);
  });

  it("answers 400 for a body that is not JSON", async () => {
    expect((await failure(decodeLogsRequest(Buffer.from("{oops"), json))).kind).toBe(
      "invalid-input",
    );
  });
});

describe("decodeLogsRequest, protobuf", () => {
  it("reads the wire format by the specification's field numbers", async () => {
    const anyString = (value: string) => utf8(1, value);
    const anyInt = (value: number) => [...varint(3 << 3), ...varint(value)];
    const logRecord = [
      ...fixed64(1, 1764151200123456789n),
      ...varint((2 << 3) | 0),
      ...varint(17),
      ...lengthDelimited(5, anyString("boom")),
      ...lengthDelimited(6, keyValue("error.code", anyInt(50502))),
      ...lengthDelimited(9, [...Buffer.from("5b8efff798038103d269b633813fc60c", "hex")]),
      ...fixed64(11, 1764151200200000000n),
      ...utf8(12, "device.crash"),
      // An unknown field (99) is skipped.
      ...utf8(99, "later addition"),
    ];
    const resource = lengthDelimited(1, keyValue("service.version", anyString("5.2.1")));
    const scopeLogs = [...lengthDelimited(1, utf8(1, "net")), ...lengthDelimited(2, logRecord)];
    const resourceLogs = [...lengthDelimited(1, resource), ...lengthDelimited(2, scopeLogs)];
    const body = Buffer.from(lengthDelimited(1, resourceLogs));

    const { encoding, records } = await decodeLogsRequest(body, protobuf);
    expect(encoding).toBe("protobuf");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      timeUnixNano: 1764151200123456789n,
      observedTimeUnixNano: 1764151200200000000n,
      severityNumber: 17,
      body: "boom",
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: "",
      eventName: "device.crash",
      scope: { name: "net", version: "" },
    });
    expect(records[0]!.attributes.get("error.code")).toBe(50502n);
    expect(records[0]!.resource.get("service.version")).toBe("5.2.1");
  });

  it("reads an empty body as a request without records", async () => {
    expect((await decodeLogsRequest(Buffer.alloc(0), protobuf)).records).toEqual([]);
  });

  it("answers 400 for bytes that are not a protobuf request", async () => {
    const error = await failure(decodeLogsRequest(Buffer.from([0x0a, 0xff, 0x01]), protobuf));
    expect(error.kind).toBe("invalid-input");
  });
});

describe("decodeLogsRequest, limits and media types", () => {
  it("answers 415 for other media types and content encodings", async () => {
    const text = { contentType: "text/plain", contentEncoding: null };
    expect((await failure(decodeLogsRequest(Buffer.from("{}"), text))).kind).toBe("unsupported");
    const brotli = { ...json, contentEncoding: "br" };
    expect((await failure(decodeLogsRequest(Buffer.from("{}"), brotli))).kind).toBe("unsupported");
  });

  it("answers 413 for more than 5,000 log records", async () => {
    const body = jsonBody({
      resourceLogs: [{ scopeLogs: [{ logRecords: Array.from({ length: 5001 }, () => ({})) }] }],
    });
    expect((await failure(decodeLogsRequest(body, json))).kind).toBe("too-large");
  });

  it("answers 413 when gzip inflates past the body limit", async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1, 32));
    const error = await failure(decodeLogsRequest(bomb, { ...json, contentEncoding: "gzip" }));
    expect(error.kind).toBe("too-large");
  });
});

describe("encodeLogsResponse", () => {
  const partial = { rejectedLogRecords: 2, errorMessage: "2 log records: no error.code" };

  it("answers JSON with the count as a decimal string, and {} when all was accepted", () => {
    const encoded = encodeLogsResponse("json", partial);
    expect(encoded.contentType).toBe("application/json");
    expect(JSON.parse(encoded.body as string)).toEqual({
      partialSuccess: { rejectedLogRecords: "2", errorMessage: partial.errorMessage },
    });
    expect(JSON.parse(encodeLogsResponse("json", undefined).body as string)).toEqual({});
  });

  it("answers protobuf for protobuf requests, empty when all was accepted", () => {
    const encoded = encodeLogsResponse("protobuf", partial);
    expect(encoded.contentType).toBe("application/x-protobuf");
    const decoded = ExportLogsServiceResponse.toObject(
      ExportLogsServiceResponse.decode(encoded.body as Uint8Array),
      { longs: Number },
    );
    expect(decoded).toEqual({ partialSuccess: partial });
    expect((encodeLogsResponse("protobuf", undefined).body as Uint8Array).byteLength).toBe(0);
  });
});
