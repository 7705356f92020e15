import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { renderMessage } from "./message";
import { message, NOW_MS } from "./test-fixtures";
import {
  buildWebhookRequest,
  readWebhookOutcome,
  signWebhook,
  verifyWebhookSignature,
} from "./webhook";

const SECRET = "whsec-test";
const target = (secret: string | null = SECRET) => ({
  type: "webhook" as const,
  url: "https://hooks.example.com/codewatch",
  secret,
});

describe("buildWebhookRequest", () => {
  it("posts version 1 of the payload as JSON", () => {
    const m = message();
    const request = buildWebhookRequest(m, target(), NOW_MS);
    const rendered = renderMessage(m);
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://hooks.example.com/codewatch");
    expect(JSON.parse(request.body)).toEqual({
      version: 1,
      kind: "open",
      language: "en",
      title: rendered.title,
      text: rendered.text,
      incidents: m.incidents,
    });
    expect(Object.keys(JSON.parse(request.body))).toEqual([
      "version",
      "kind",
      "language",
      "title",
      "text",
      "incidents",
    ]);
  });

  it("signs <timestamp>.<body> with HMAC-SHA256 as documented", () => {
    const request = buildWebhookRequest(message(), target(), NOW_MS);
    const timestamp = String(NOW_MS / 1000);
    // The recipe of docs/notifications.md, recomputed here rather than through signWebhook.
    const expected = createHmac("sha256", SECRET)
      .update(`${timestamp}.${request.body}`)
      .digest("hex");
    expect(request.headers).toEqual({
      "content-type": "application/json",
      "x-codewatch-timestamp": timestamp,
      "x-codewatch-signature": `v1=${expected}`,
    });
  });

  it("matches a signature computed by openssl", () => {
    // printf '%s' '1777000000.{"hello":"世界"}' | openssl dgst -sha256 -hmac whsec-test -hex
    expect(signWebhook(SECRET, "1777000000", '{"hello":"世界"}')).toBe(
      "v1=376f3ea44373eb2bc0b09c9368382c1a7a58c865954e9d8384612cdf469306c4",
    );
  });

  it("sends no signature when the channel has no secret", () => {
    const request = buildWebhookRequest(message(), target(null), NOW_MS);
    expect(request.headers).toEqual({
      "content-type": "application/json",
      "x-codewatch-timestamp": String(NOW_MS / 1000),
    });
  });
});

describe("verifyWebhookSignature", () => {
  const request = buildWebhookRequest(message(), target(), NOW_MS);
  const timestamp = request.headers["x-codewatch-timestamp"]!;
  const signature = request.headers["x-codewatch-signature"]!;

  it("accepts the request as sent, within five minutes either way", () => {
    expect(verifyWebhookSignature(SECRET, timestamp, signature, request.body, NOW_MS)).toBe(true);
    for (const skew of [-300_000, 300_000])
      expect(
        verifyWebhookSignature(SECRET, timestamp, signature, request.body, NOW_MS + skew),
      ).toBe(true);
  });

  it("refuses a changed body, another secret, or a missing header", () => {
    const changed = request.body.replace("smartlife-android", "smartlife-androiD");
    expect(verifyWebhookSignature(SECRET, timestamp, signature, changed, NOW_MS)).toBe(false);
    expect(verifyWebhookSignature("other", timestamp, signature, request.body, NOW_MS)).toBe(false);
    expect(verifyWebhookSignature(SECRET, null, signature, request.body, NOW_MS)).toBe(false);
    expect(verifyWebhookSignature(SECRET, timestamp, undefined, request.body, NOW_MS)).toBe(false);
    expect(verifyWebhookSignature(SECRET, timestamp, "v1=abc", request.body, NOW_MS)).toBe(false);
  });

  it("refuses a replay older than the tolerance, and a timestamp far in the future", () => {
    expect(
      verifyWebhookSignature(SECRET, timestamp, signature, request.body, NOW_MS + 301_000),
    ).toBe(false);
    expect(
      verifyWebhookSignature(SECRET, timestamp, signature, request.body, NOW_MS - 301_000),
    ).toBe(false);
    expect(
      verifyWebhookSignature(SECRET, timestamp, signature, request.body, NOW_MS + 3_000_000, 3600),
    ).toBe(true);
  });

  it("accepts any one of several signatures (a secret being rotated)", () => {
    const both = `v1=${"0".repeat(64)}, ${signature}`;
    expect(verifyWebhookSignature(SECRET, timestamp, both, request.body, NOW_MS)).toBe(true);
  });
});

describe("readWebhookOutcome", () => {
  it("reads 2xx as delivered", () => {
    expect(readWebhookOutcome(200, "")).toEqual({ ok: true });
    expect(readWebhookOutcome(204, "")).toEqual({ ok: true });
  });

  it("retries 408, 429, 5xx and no answer; not other 4xx", () => {
    for (const status of [0, 408, 429, 500, 502, 503])
      expect(readWebhookOutcome(status, "")).toMatchObject({ ok: false, retryable: true });
    for (const status of [400, 401, 403, 404, 410, 413])
      expect(readWebhookOutcome(status, "")).toMatchObject({ ok: false, retryable: false });
  });

  it("keeps the start of the answer in the error", () => {
    expect(readWebhookOutcome(401, '{"error":"bad signature"}')).toEqual({
      ok: false,
      error: 'HTTP 401: {"error":"bad signature"}',
      retryable: false,
    });
  });
});
