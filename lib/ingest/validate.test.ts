import { describe, expect, it } from "vitest";

import type { RawBatch } from "./decode";
import { validateBatch } from "./validate";

const receivedAtMs = Date.parse("2026-11-26T10:00:00Z");
const options = { receivedAtMs, retentionDays: 30, hashDeviceId: (id: string) => `hash(${id})` };
const batch = (events: unknown[], extra: Partial<RawBatch> = {}): RawBatch => ({
  events: events.map((value) => ({ ok: true as const, value })),
  ...extra,
});

describe("validateBatch", () => {
  it("rejects an event only for what identifies or places it, with a reason naming the value", () => {
    const result = validateBatch(
      batch([
        { code: 50502, timestamp: "2026-11-26T09:59:00Z" },
        { code: "abc" },
        { code: 1.5 },
        { message: "no code" },
        { code: 101, timestamp: "yesterday" },
        { code: 101, eventId: "" },
        { code: 101, eventId: "x".repeat(129) },
        { code: 101, eventId: "a\u0000b" },
        "not an object",
        { code: -1 },
      ]),
      options,
    );
    expect(result.events.map((e) => e.index)).toEqual([0]);
    expect(Object.fromEntries(result.rejected.map((r) => [r.index, r.error]))).toEqual({
      1: 'code: must be an integer from 0 to 2147483647, got the string "abc"',
      2: "code: must be an integer from 0 to 2147483647, got 1.5",
      3: "code: required",
      4: 'timestamp: must be an ISO 8601 time with a zone, or epoch milliseconds, got the string "yesterday"',
      5: 'eventId: must be a non-empty string of at most 128 characters, got the string ""',
      6: expect.stringMatching(/^eventId: must be a non-empty string of at most 128 characters/),
      7: "eventId: must not contain NUL characters",
      8: 'must be an object, got the string "not an object"',
      9: "code: must be an integer from 0 to 2147483647, got -1",
    });
  });

  it("takes integer fields sent as strings of digits: code, apiLevel, epoch timestamps", () => {
    const result = validateBatch(
      batch([{ code: "50502", apiLevel: "24", timestamp: String(receivedAtMs - 60_000) }]),
      options,
    );
    expect(result.rejected).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.events[0]).toMatchObject({ code: 50502, apiLevel: 24 });
    expect(result.events[0]!.occurredAt.getTime()).toBe(receivedAtMs - 60_000);
  });

  it("stores an event whose other fields are malformed, dropping or cleaning them with warnings", () => {
    const result = validateBatch(
      batch([
        {
          code: 101,
          apiLevel: "abc",
          remoteIp: "not an ip",
          message: "x".repeat(2001),
          host: "a\u0000b",
          region: { nested: true },
          unknownField: 1,
        },
      ]),
      options,
    );
    expect(result.rejected).toEqual([]);
    expect(result.events[0]).toMatchObject({
      code: 101,
      apiLevel: null,
      remoteIp: null,
      message: "x".repeat(2000),
      host: "ab",
      region: null,
    });
    expect(result.warnings).toEqual([
      {
        index: 0,
        field: "apiLevel",
        reason: 'must be an integer from 1 to 1000, got the string "abc"; dropped',
      },
      {
        index: 0,
        field: "remoteIp",
        reason: 'must be an IPv4 or IPv6 address, got the string "not an ip"; dropped',
      },
      { index: 0, field: "message", reason: "cut to 2000 characters" },
      { index: 0, field: "host", reason: "NUL characters removed" },
      { index: 0, field: "region", reason: "must be text, got an object; dropped" },
      { index: 0, field: "unknownField", reason: "not a field of an event; dropped" },
    ]);
  });

  it("merges the batch context under each event, the event winning", () => {
    const result = validateBatch(
      batch([{ code: 1, region: "eu" }, { code: 2 }], {
        context: { app: "smartlife", region: "cn-east" },
      }),
      options,
    );
    expect(result.events.map((e) => [e.app, e.region])).toEqual([
      ["smartlife", "eu"],
      ["smartlife", "cn-east"],
    ]);
  });

  it("keeps the batch when its context is malformed: bad context fields are dropped, with warnings", () => {
    const result = validateBatch(
      batch([{ code: 1 }, { code: 2 }], {
        context: { apiLevel: "x", app: "smartlife", code: 5 },
      }),
      options,
    );
    expect(result.events.map((e) => [e.code, e.app, e.apiLevel])).toEqual([
      [1, "smartlife", null],
      [2, "smartlife", null],
    ]);
    expect(result.warnings).toEqual([
      {
        field: "context.apiLevel",
        reason: 'must be an integer from 1 to 1000, got the string "x"; dropped',
      },
      { field: "context.code", reason: "not a field of an event; dropped" },
    ]);
    const notAnObject = validateBatch(batch([{ code: 1 }], { context: [1] }), options);
    expect(notAnObject.events).toHaveLength(1);
    expect(notAnObject.warnings).toEqual([
      { field: "context", reason: "must be an object, got an array; dropped" },
    ]);
  });

  it("stores a keyed hash of deviceId, never the id", () => {
    const [event] = validateBatch(batch([{ code: 1, deviceId: "imei-123" }]), options).events;
    expect(event?.deviceHash).toBe("hash(imei-123)");
    expect(JSON.stringify(event)).not.toContain('"imei-123"');
  });

  it("shifts timestamps by the batch's clock drift and keeps the drift on every event", () => {
    const hourMs = 3_600_000;
    const result = validateBatch(
      batch([{ code: 104, timestamp: receivedAtMs - hourMs - 1000 }], {
        sentAt: receivedAtMs - hourMs,
      }),
      options,
    );
    expect(result.events[0]?.occurredAt.toISOString()).toBe("2026-11-26T09:59:59.000Z");
    expect(result.events[0]?.clockDriftMs).toBe(hourMs);
  });

  it("uses the time of receipt when an event has no timestamp", () => {
    const [event] = validateBatch(batch([{ code: 1 }]), options).events;
    expect(event?.occurredAt.getTime()).toBe(receivedAtMs);
  });

  it("keeps 20 attributes, the context's first, and says how many more were dropped", () => {
    const many = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, i]));
    const more = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}`, true]));
    const result = validateBatch(
      batch([{ code: 1, attributes: more }], { context: { attributes: many } }),
      options,
    );
    expect(result.rejected).toEqual([]);
    expect(Object.keys(result.events[0]!.attributes!)).toHaveLength(20);
    expect(result.events[0]!.attributes).toMatchObject({ k0: 0, k14: 14, m0: true, m4: true });
    expect(result.warnings).toEqual([
      { index: 0, field: "attributes", reason: "at most 20 in all; 5 more dropped" },
    ]);
  });

  it("cleans text PostgreSQL cannot store (NUL, lone surrogates) and keeps the event", () => {
    const result = validateBatch(
      batch([
        { code: 1, message: "a\u0000b" },
        { code: 1, attributes: { "k\u0000": "v", ok: "x\u0000y" } },
        JSON.parse('{"code": 1, "message": "half a pair: \\ud83d"}'),
        JSON.parse('{"code": 1, "host": "\\udc00x"}'),
        { code: 2, message: "a whole pair: 😀" },
      ]),
      options,
    );
    expect(result.rejected).toEqual([]);
    expect(result.events.map((e) => e.message ?? e.host ?? e.attributes)).toEqual([
      "ab",
      { ok: "xy" },
      "half a pair: \ufffd",
      "\ufffdx",
      "a whole pair: 😀",
    ]);
    expect(result.warnings.map((w) => [w.index, w.field, w.reason])).toEqual([
      [0, "message", "NUL characters removed"],
      [1, "attributes", "a key was dropped: must not contain NUL characters"],
      [1, "attributes.ok", "NUL characters removed"],
      [2, "message", "broken surrogates replaced"],
      [3, "host", "broken surrogates replaced"],
    ]);
  });

  it("drops nested attribute values and __proto__ keys without harm", () => {
    const result = validateBatch(
      batch([
        { code: 1, attributes: { a: { b: 1 }, c: 1 } },
        JSON.parse('{"code": 1, "__proto__": {"polluted": true}}'),
        JSON.parse('{"code": 1, "attributes": {"__proto__": {"polluted": true}}}'),
      ]),
      options,
    );
    expect(result.rejected).toEqual([]);
    expect(result.events.map((e) => e.attributes)).toEqual([{ c: 1 }, null, null]);
    expect(result.warnings.map((w) => [w.index, w.field])).toEqual([
      [0, "attributes.a"],
      [1, "__proto__"],
      [2, "attributes"],
    ]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
