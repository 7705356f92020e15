/**
 * Generators of hostile ingest requests for the fuzz test: wrong types, huge strings, deep
 * nesting, invalid UTF-8, prototype keys, odd headers, gzip bombs. Seeded, so a failure can be
 * replayed from its seed and index.
 */
import { gzipSync } from "node:zlib";

export interface HostileRequest {
  kind: string;
  headers: Record<string, string>;
  body: Buffer;
}

let bomb: Buffer | undefined;
/** 64 MiB of spaces, gzipped; made on first use, so importers that never send it don't pay. */
function gzipBomb(): Buffer {
  return (bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 }));
}

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

/** A JSON value of any type, shape and size a hostile client might send in place of another. */
export function hostileValue(random: Random, depth = 0): unknown {
  const choices: (() => unknown)[] = [
    () => null,
    () => random() * 1e308 * (random() < 0.5 ? -1 : 1),
    () => Math.floor(random() * 2 ** 53),
    () => "x".repeat(Math.floor(random() * 5000)),
    () => "\u0000\uffff\ud800",
    () => true,
    () => [],
    () => ({}),
    () => "2026-13-45T99:99:99Z",
    () => -1,
    () => 1.5,
    () => "50502",
    () => ({ __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } }),
  ];
  if (depth < 4) {
    choices.push(() => [hostileValue(random, depth + 1), hostileValue(random, depth + 1)]);
    choices.push(() => ({
      [pick(random, ["code", "__proto__", "constructor", "a"])]: hostileValue(random, depth + 1),
    }));
  }
  return pick(random, choices)();
}

const FIELDS = [
  "code",
  "timestamp",
  "eventId",
  "host",
  "remoteIp",
  "message",
  "apiLevel",
  "attributes",
  "deviceId",
  "__proto__",
  "extra",
];

function hostileEvent(random: Random): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  const n = Math.floor(random() * 6);
  for (let i = 0; i < n; i++) event[pick(random, FIELDS)] = hostileValue(random);
  if (random() < 0.5)
    event.code = random() < 0.7 ? Math.floor(random() * 60000) : hostileValue(random);
  return event;
}

function nested(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

export function hostileRequest(random: Random): HostileRequest {
  const json = { "content-type": "application/json" };
  const makers: (() => HostileRequest)[] = [
    () => ({
      kind: "events",
      headers: json,
      body: Buffer.from(
        JSON.stringify({
          events: Array.from({ length: Math.floor(random() * 20) }, () => hostileEvent(random)),
        }),
      ),
    }),
    () => ({
      kind: "envelope",
      headers: json,
      body: Buffer.from(
        JSON.stringify({
          events: hostileValue(random),
          context: hostileValue(random),
          sentAt: hostileValue(random),
        }),
      ),
    }),
    () => ({
      kind: "proto-keys",
      headers: json,
      body: Buffer.from(
        '{"__proto__":{"events":[{"code":1}]},"constructor":{"prototype":{"x":1}},"events":[{"code":1,"__proto__":{"code":2}}]}',
      ),
    }),
    () => ({
      kind: "deep",
      headers: json,
      body: Buffer.from(`{"events":${nested(10_000 + Math.floor(random() * 90_000))}}`),
    }),
    () => ({
      kind: "bad-utf8",
      headers: json,
      body: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]),
    }),
    () => ({
      kind: "huge-string",
      headers: json,
      body: Buffer.from(
        JSON.stringify({
          events: [{ code: 1, message: "m".repeat(3000 + Math.floor(random() * 100_000)) }],
        }),
      ),
    }),
    () => ({
      kind: "garbage",
      headers: json,
      body: Buffer.from(
        Array.from({ length: Math.floor(random() * 512) }, () => Math.floor(random() * 256)),
      ),
    }),
    () => ({
      kind: "ndjson",
      headers: { "content-type": "application/x-ndjson" },
      body: Buffer.from(
        Array.from({ length: 5 }, () =>
          random() < 0.3 ? "{oops" : JSON.stringify(hostileEvent(random)),
        ).join("\n"),
      ),
    }),
    () => ({
      kind: "wrong-type",
      headers: {
        "content-type": pick(random, [
          "text/plain",
          "application/xml",
          "",
          "application/json; charset=utf-16",
          "multipart/form-data",
        ]),
      },
      body: Buffer.from('{"events":[]}'),
    }),
    () => ({
      kind: "gzip-bomb",
      headers: { ...json, "content-encoding": "gzip" },
      body: gzipBomb(),
    }),
    () => ({
      kind: "bad-gzip",
      headers: {
        ...json,
        "content-encoding": pick(random, ["gzip", "br", "deflate", "gzip, gzip"]),
      },
      body: Buffer.from("not compressed"),
    }),
    () => ({
      kind: "too-many",
      headers: json,
      body: Buffer.from(
        JSON.stringify({ events: Array.from({ length: 5001 }, () => ({ code: 1 })) }),
      ),
    }),
    () => ({ kind: "empty", headers: json, body: Buffer.alloc(0) }),
  ];
  return pick(random, makers)();
}
