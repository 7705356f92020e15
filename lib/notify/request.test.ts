import { describe, expect, it } from "vitest";

import { buildRequest, readOutcome } from "./request";
import { message, NOW_MS } from "./test-fixtures";
import { CHANNEL_TYPES } from "./types";

describe("buildRequest", () => {
  it("builds each channel type's own request", () => {
    const marks: Record<(typeof CHANNEL_TYPES)[number], (body: unknown) => boolean> = {
      webhook: (b) => (b as { version?: number }).version === 1,
      slack: (b) => Array.isArray((b as { blocks?: unknown }).blocks),
      feishu: (b) => (b as { msg_type?: string }).msg_type === "interactive",
      dingtalk: (b) => (b as { markdown?: { title?: string } }).markdown?.title !== undefined,
      wecom: (b) => (b as { markdown?: { content?: string } }).markdown?.content !== undefined,
      alertmanager: (b) => Array.isArray(b),
    };
    for (const type of CHANNEL_TYPES) {
      const request = buildRequest(
        message(),
        { type, url: "http://127.0.0.1:9/", secret: null },
        NOW_MS,
      );
      expect(marks[type](JSON.parse(request.body)), type).toBe(true);
    }
  });
});

describe("readOutcome", () => {
  it("reads a 200 by the channel's rules", () => {
    const body = '{"errcode":310000,"errmsg":"sign not match"}';
    expect(readOutcome("dingtalk", 200, body)).toMatchObject({ ok: false, retryable: false });
    expect(readOutcome("wecom", 200, body)).toMatchObject({ ok: false });
    expect(readOutcome("webhook", 200, body)).toEqual({ ok: true });
    expect(readOutcome("slack", 200, "ok")).toEqual({ ok: true });
    expect(readOutcome("feishu", 200, '{"code":0}')).toEqual({ ok: true });
    expect(readOutcome("alertmanager", 200, "")).toEqual({ ok: true });
  });
});
