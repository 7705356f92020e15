import { describe, expect, it } from "vitest";

import { eventSchema } from "../event-schema";
import { truncate } from "../fields";
import { validateBatch } from "../validate";
import type { OtlpLogRecord, OtlpValue } from "./decode";
import { httpProtocol, mapLogRecord, partialSuccess, rootCause, toRawBatch } from "./map";

function record(
  attributes: Record<string, OtlpValue>,
  resource: Record<string, OtlpValue> = {},
  fields: Partial<OtlpLogRecord> = {},
): OtlpLogRecord {
  return {
    index: 0,
    timeUnixNano: 1764151200123456789n,
    observedTimeUnixNano: 0n,
    severityNumber: 17,
    severityText: "ERROR",
    body: null,
    attributes: new Map(Object.entries(attributes)),
    traceId: "",
    spanId: "",
    eventName: "",
    resource: new Map(Object.entries(resource)),
    scope: { name: "", version: "" },
    ...fields,
  };
}

function event(r: OtlpLogRecord) {
  const mapped = mapLogRecord(r);
  if (!mapped.ok) throw new Error(`not an event: ${mapped.reason}`);
  return mapped.event;
}

/** The record as ingest stores it: mapped, then validated; with what was cleaned or dropped. */
function stored(r: OtlpLogRecord) {
  const { batch, warnings } = toRawBatch([r]);
  const validated = validateBatch(batch, {
    receivedAtMs: Number(r.timeUnixNano / 1_000_000n) + 1_000,
    retentionDays: 30,
    hashDeviceId: (id) => id,
  });
  expect(validated.rejected).toEqual([]);
  return { event: validated.events[0]!, warnings: [...warnings, ...validated.warnings] };
}

const STACK = [
  "java.io.IOException: stream closed",
  "\tat okhttp3.internal.http2.Http2Stream.read(Http2Stream.kt:1)",
  "Caused by: javax.net.ssl.SSLException: connection reset",
  "\tat x.y(Z.java:1)",
  "Caused by: java.net.SocketException: Connection reset by peer",
  "\t... 12 more",
].join("\n");

describe("mapLogRecord", () => {
  it("maps the semantic conventions to event fields, record attributes over resource ones", () => {
    const mapped = event(
      record(
        {
          "error.code": 50502n,
          "exception.type": "javax.net.ssl.SSLHandshakeException",
          "exception.message": "handshake failed",
          "exception.stacktrace": STACK,
          "server.address": "a1.example.com",
          "network.peer.address": "203.0.113.7",
          "network.protocol.name": "http",
          "network.protocol.version": "2",
          "network.connection.type": "wifi",
          "log.record.uid": "01JDZ8Q7X2ZB1",
          "service.version": "5.2.2",
        },
        {
          "service.name": "smartlife",
          "service.version": "5.2.1",
          "os.name": "Android",
          "os.type": "linux",
          "os.version": "7.0",
          "android.os.api_level": "24",
          "device.model.identifier": "SM-G920F",
          "device.id": "device-1",
          "network.carrier.name": "China Mobile",
          "geo.region.iso_code": "CN-SH",
          "telemetry.sdk.version": "2.0.0",
        },
      ),
    );
    expect(mapped).toEqual({
      code: 50502,
      timestamp: 1764151200123,
      eventId: "01JDZ8Q7X2ZB1",
      exception: "javax.net.ssl.SSLHandshakeException",
      message: "handshake failed",
      cause: "java.net.SocketException: Connection reset by peer",
      host: "a1.example.com",
      remoteIp: "203.0.113.7",
      httpProtocol: "h2",
      app: "smartlife",
      appVersion: "5.2.2",
      platform: "android",
      osVersion: "7.0",
      apiLevel: 24,
      deviceModel: "SM-G920F",
      deviceId: "device-1",
      network: "wifi",
      carrier: "China Mobile",
      region: "CN-SH",
    });
    expect(eventSchema.safeParse(mapped).success).toBe(true);
  });

  it("accepts error.code as an int, a whole double or a string of digits", () => {
    expect(event(record({ "error.code": 104n })).code).toBe(104);
    expect(event(record({ "error.code": 104 })).code).toBe(104);
    expect(event(record({ "error.code": "104" })).code).toBe(104);
  });

  it("leaves a record without an integer error.code, saying why", () => {
    expect(mapLogRecord(record({}))).toEqual({ ok: false, reason: "no error.code attribute" });
    for (const code of ["E42", "", " 104", 1.5, true, [104n]] as OtlpValue[]) {
      expect(mapLogRecord(record({ "error.code": code }))).toEqual({
        ok: false,
        reason: "error.code is not an integer",
      });
    }
  });

  it("does not make a record an event because of an error.code on its resource", () => {
    expect(mapLogRecord(record({}, { "error.code": 50502n })).ok).toBe(false);
  });

  it("takes the observed time when the record has no time, and no timestamp without either", () => {
    const observed = record(
      { "error.code": 1n },
      {},
      {
        timeUnixNano: 0n,
        observedTimeUnixNano: 1764151200999000000n,
      },
    );
    expect(event(observed).timestamp).toBe(1764151200999);
    const none = record({ "error.code": 1n }, {}, { timeUnixNano: 0n });
    expect(event(none).timestamp).toBeUndefined();
  });

  it("uses a string body as the message when there is no exception.message", () => {
    expect(event(record({ "error.code": 1n }, {}, { body: "upload failed" })).message).toBe(
      "upload failed",
    );
    const structured = record({ "error.code": 1n }, {}, { body: new Map([["a", "b"]]) });
    expect(event(structured).message).toBeUndefined();
  });

  it("stores the event when values cannot be stored as given, saying what was dropped or cut", () => {
    const { event: stored_, warnings } = stored(
      record({
        "error.code": 1n,
        "network.peer.address": "not-an-ip",
        "android.os.api_level": "99999",
        "server.address": "h".repeat(300),
        "exception.message": "m".repeat(5000),
        "log.record.uid": "u".repeat(200),
        "exception.type": "javax.net.ssl.SSLHandshakeException\u0000",
      }),
    );
    expect(stored_).toMatchObject({
      remoteIp: null,
      apiLevel: null,
      eventId: null,
      exception: "javax.net.ssl.SSLHandshakeException",
    });
    expect(stored_.host).toHaveLength(128);
    expect(stored_.message).toHaveLength(2000);
    expect(warnings.map((w) => w.field).sort()).toEqual([
      "apiLevel",
      "eventId",
      "exception",
      "host",
      "message",
      "remoteIp",
    ]);
  });

  it("falls back to os.type, device.model.name, server.socket.address and cloud.region", () => {
    const mapped = event(
      record(
        { "error.code": 1n, "server.socket.address": "2001:db8::1" },
        {
          "os.type": "Darwin",
          "device.model.name": "iPhone 15",
          "cloud.region": "cn-east-1",
          "service.name": "unknown_service:node",
        },
      ),
    );
    expect(mapped).toMatchObject({
      platform: "darwin",
      deviceModel: "iPhone 15",
      remoteIp: "2001:db8::1",
      region: "cn-east-1",
    });
    expect(mapped.app).toBeUndefined();
  });

  it("keeps the record's other scalar attributes, within the event's limits", () => {
    const extra: Record<string, OtlpValue> = {
      "error.code": 1n,
      "server.address": "mapped.example.com",
      "http.route": "/v1/upload",
      "http.response.status_code": 502n,
      "retry.ratio": 0.5,
      cached: false,
      huge: 2n ** 60n,
      long: "x".repeat(300),
      ["k".repeat(65)]: "dropped: key too long",
      list: ["a"],
      nested: new Map([["a", "b"]]),
      "not.finite": NaN,
    };
    for (let i = 0; i < 30; i++) extra[`extra.${i}`] = i;
    const { event: kept, warnings } = stored(
      record(
        extra,
        { "host.name": "resource attributes stay out" },
        { traceId: "ab", spanId: "cd" },
      ),
    );
    const attributes = kept.attributes!;
    expect(Object.keys(attributes)).toHaveLength(20);
    expect(attributes).toMatchObject({
      "http.route": "/v1/upload",
      "http.response.status_code": 502,
      "retry.ratio": 0.5,
      cached: false,
      huge: "1152921504606846976",
      long: "x".repeat(128),
    });
    expect(Object.keys(attributes)).not.toContain("server.address");
    expect(Object.keys(attributes)).not.toContain("error.code");
    expect(Object.keys(attributes)).not.toContain("host.name");
    expect(Object.keys(attributes)).not.toContain("list");
    expect(warnings.map((w) => w.field)).toEqual(
      expect.arrayContaining([
        "attributes",
        "attributes.long",
        "attributes.list",
        "attributes.nested",
      ]),
    );
  });

  it("adds the trace and span ids to the attributes when there is room", () => {
    const mapped = event(record({ "error.code": 1n }, {}, { traceId: "ab12", spanId: "cd34" }));
    expect(mapped.attributes).toEqual({ trace_id: "ab12", span_id: "cd34" });
    expect(event(record({ "error.code": 1n })).attributes).toBeUndefined();
  });
});

describe("httpProtocol", () => {
  it("spells HTTP versions as ALPN ids", () => {
    expect(httpProtocol("http", "2")).toBe("h2");
    expect(httpProtocol("HTTP", "3")).toBe("h3");
    expect(httpProtocol("http", "1.1")).toBe("http/1.1");
    expect(httpProtocol("quic", "")).toBe("quic");
    expect(httpProtocol("", "1.1")).toBeUndefined();
  });
});

describe("rootCause", () => {
  it("takes the innermost Caused by line", () => {
    expect(rootCause(STACK)).toBe("java.net.SocketException: Connection reset by peer");
    expect(rootCause("Error: boom\n    at f (a.js:1:1)")).toBeUndefined();
  });
});

describe("truncate", () => {
  it("never leaves half a surrogate pair", () => {
    expect(truncate("ab😀", 3)).toBe("ab");
    expect(truncate("abc", 3)).toBe("abc");
  });
});

describe("toRawBatch and partialSuccess", () => {
  it("turns error records into events and counts the others with their reasons", () => {
    const { batch, notEvents } = toRawBatch([
      record({ "error.code": 50502n }),
      record({}),
      record({ "error.code": "E1" }),
      record({}),
    ]);
    expect(batch.events).toHaveLength(1);
    expect(batch.events[0]).toMatchObject({ ok: true, value: { code: 50502 } });
    expect(notEvents).toHaveLength(3);
    expect(partialSuccess(notEvents, [{ error: "timestamp: older than retention" }])).toEqual({
      rejectedLogRecords: 4,
      errorMessage:
        "2 log records: no error.code attribute; 1 log record: error.code is not an integer; " +
        "1 log record: invalid event (timestamp: older than retention)",
    });
  });

  it("reports nothing when every record was accepted", () => {
    expect(partialSuccess([], [])).toBeUndefined();
  });

  it("lists at most five reasons", () => {
    const reasons = Array.from({ length: 8 }, (_, i) => `reason ${i}`);
    const partial = partialSuccess(reasons, []);
    expect(partial?.rejectedLogRecords).toBe(8);
    expect(partial?.errorMessage).toMatch(/; and 3 other reasons$/);
  });
});
