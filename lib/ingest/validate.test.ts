import { describe, expect, it } from "vitest";

import { HttpError } from "../http/problem";
import type { RawBatch } from "./decode";
import { validateBatch } from "./validate";

const receivedAtMs = Date.parse("2026-11-26T10:00:00Z");
const options = { receivedAtMs, retentionDays: 30, hashDeviceId: (id: string) => `hash(${id})` };
const batch = (events: unknown[], extra: Partial<RawBatch> = {}): RawBatch => ({
  events: events.map((value) => ({ ok: true as const, value })),
  ...extra,
});

describe("validateBatch", () => {
  it("keeps good events and lists bad ones by index with a reason", () => {
    const result = validateBatch(
      batch([
        { code: 50502, timestamp: "2026-11-26T09:59:00Z" },
        { code: "50502" },
        { code: 1.5 },
        { message: "no code" },
        { code: 101, unknownField: 1 },
        { code: 101, message: "x".repeat(2001) },
        { code: 101, remoteIp: "not an ip" },
        { code: 104, apiLevel: 24 },
      ]),
      options,
    );
    expect(result.events.map((e) => [e.index, e.code])).toEqual([
      [0, 50502],
      [7, 104],
    ]);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const rejection of result.rejected) expect(rejection.error.length).toBeGreaterThan(0);
    expect(result.rejected.find((r) => r.index === 6)?.error).toMatch(/^remoteIp:/);
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

  it("refuses the whole batch with 400 when the shared context is invalid", () => {
    expect(() =>
      validateBatch(batch([{ code: 1 }], { context: { apiLevel: "x" } }), options),
    ).toThrow(HttpError);
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

  it("caps attributes at 20 including the context's", () => {
    const many = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, i]));
    const more = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}`, true]));
    const result = validateBatch(
      batch([{ code: 1, attributes: more }], { context: { attributes: many } }),
      options,
    );
    expect(result.rejected).toHaveLength(1);
  });

  it("rejects text PostgreSQL cannot store (NUL characters) per event", () => {
    const result = validateBatch(
      batch([
        { code: 1, message: "a\u0000b" },
        { code: 1, attributes: { "k\u0000": "v" } },
        { code: 2 },
      ]),
      options,
    );
    expect(result.rejected.map((r) => r.index)).toEqual([0, 1]);
    expect(result.events.map((e) => e.code)).toEqual([2]);
  });

  it("rejects text that is not Unicode (a lone surrogate) per event", () => {
    const result = validateBatch(
      batch([
        JSON.parse('{"code": 1, "message": "half a pair: \\ud83d"}'),
        JSON.parse('{"code": 1, "host": "\\udc00x"}'),
        { code: 2, message: "a whole pair: 😀" },
      ]),
      options,
    );
    expect(result.rejected.map((r) => r.index)).toEqual([0, 1]);
    expect(result.rejected[0]!.error).toMatch(/message: must be valid Unicode/);
    expect(result.events.map((e) => e.code)).toEqual([2]);
  });

  it("rejects nested attribute values and __proto__ keys without harm", () => {
    const result = validateBatch(
      batch([
        { code: 1, attributes: { a: { b: 1 } } },
        JSON.parse('{"code": 1, "__proto__": {"polluted": true}}'),
      ]),
      options,
    );
    expect(result.rejected.map((r) => r.index)).toEqual([0, 1]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
