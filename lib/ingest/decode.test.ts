import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { DomainError } from "../errors";
import { decodeBatch, MAX_BODY_BYTES } from "./decode";

const json = { contentType: "application/json", contentEncoding: null };
const ndjson = { contentType: "application/x-ndjson", contentEncoding: null };

/** "ok", or the kind of domain error the decoder refused the body with. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof DomainError) return error.kind;
    throw error;
  }
}

describe("decodeBatch", () => {
  it("reads a JSON batch with sentAt and context", async () => {
    const body = Buffer.from(
      JSON.stringify({ sentAt: 1, context: { app: "a" }, events: [{ code: 1 }] }),
    );
    expect(await decodeBatch(body, json)).toEqual({
      sentAt: 1,
      context: { app: "a" },
      events: [{ ok: true, value: { code: 1 } }],
    });
  });

  it("reads NDJSON line by line, keeping an unreadable line as a per-event error", async () => {
    const body = Buffer.from('{"code":1}\n\nnot json\n{"code":2}\n');
    const batch = await decodeBatch(body, ndjson);
    expect(batch.events).toEqual([
      { ok: true, value: { code: 1 } },
      { ok: false, error: "not a JSON object on this line" },
      { ok: true, value: { code: 2 } },
    ]);
  });

  it("reads gzip", async () => {
    const body = gzipSync(JSON.stringify({ events: [{ code: 50502 }] }));
    const batch = await decodeBatch(body, { ...json, contentEncoding: "gzip" });
    expect(batch.events).toHaveLength(1);
  });

  it("stops a gzip bomb at the decompressed limit with 413", async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1024, 32));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await outcome(decodeBatch(bomb, { ...json, contentEncoding: "gzip" }))).toBe(
      "too-large",
    );
  });

  it("answers 413 for more than 5,000 events", async () => {
    const events = Array.from({ length: 5001 }, () => ({ code: 1 }));
    expect(await outcome(decodeBatch(Buffer.from(JSON.stringify({ events })), json))).toBe(
      "too-large",
    );
    const lines = events.map((e) => JSON.stringify(e)).join("\n");
    expect(await outcome(decodeBatch(Buffer.from(lines), ndjson))).toBe("too-large");
  });

  it("refuses other content types or encodings as unsupported, unreadable bodies as invalid", async () => {
    expect(
      await outcome(
        decodeBatch(Buffer.from("{}"), { contentType: "text/plain", contentEncoding: null }),
      ),
    ).toBe("unsupported");
    expect(await outcome(decodeBatch(Buffer.from("{}"), { ...json, contentEncoding: "br" }))).toBe(
      "unsupported",
    );
    expect(await outcome(decodeBatch(Buffer.from("{"), json))).toBe("invalid-input");
    expect(await outcome(decodeBatch(Buffer.from([0xff, 0xfe]), json))).toBe("invalid-input");
    expect(
      await outcome(decodeBatch(Buffer.from("not gzip"), { ...json, contentEncoding: "gzip" })),
    ).toBe("invalid-input");
    expect(await outcome(decodeBatch(Buffer.from('{"events": {}}'), json))).toBe("invalid-input");
    expect(await outcome(decodeBatch(Buffer.from("[".repeat(100_000)), json))).toBe(
      "invalid-input",
    );
  });
});
