import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { appendQuery, buildDingTalkRequest, readDingTalkOutcome } from "./dingtalk";
import { renderMessage } from "./message";
import { message, NOW_MS } from "./test-fixtures";

const HOOK = "https://oapi.dingtalk.com/robot/send?access_token=abc123";
const SECRET = "SECtest0123456789";
const target = (secret: string | null = SECRET, url = HOOK) => ({
  type: "dingtalk" as const,
  url,
  secret,
});

describe("buildDingTalkRequest", () => {
  it("posts a markdown message: title = the first line, text = the markdown", () => {
    const m = message({ language: "zh" });
    const request = buildDingTalkRequest(m, target(null), NOW_MS);
    const rendered = renderMessage(m);
    expect(request).toMatchObject({ method: "POST", url: HOOK });
    expect(request.headers).toEqual({ "content-type": "application/json" });
    expect(JSON.parse(request.body)).toEqual({
      msgtype: "markdown",
      markdown: { title: rendered.title, text: rendered.markdown },
    });
    expect(rendered.title).toBe(
      "【codewatch】smartlife-android 的 50502 突增：服务器证书可能已过期",
    );
  });

  it("appends timestamp (ms) and the URL-encoded sign, as DingTalk documents", () => {
    const request = buildDingTalkRequest(message(), target(), NOW_MS);
    const url = new URL(request.url);
    expect(url.searchParams.get("access_token")).toBe("abc123");
    const timestamp = url.searchParams.get("timestamp")!;
    expect(timestamp).toBe(String(NOW_MS));
    // DingTalk's recipe: HMAC-SHA256 keyed by the secret over "timestamp\nsecret", base64.
    const expected = createHmac("sha256", SECRET)
      .update(`${timestamp}\n${SECRET}`)
      .digest("base64");
    expect(url.searchParams.get("sign")).toBe(expected);
    expect(request.url).toBe(`${HOOK}&timestamp=${NOW_MS}&sign=${encodeURIComponent(expected)}`);
  });

  it("matches a signature computed by openssl, with + / = encoded", () => {
    // printf '1777000000000\nSECtest0123456789' | openssl dgst -sha256 -hmac SECtest0123456789 -binary | base64
    const request = buildDingTalkRequest(message(), target(), 1_777_000_000_000);
    expect(request.url).toBe(
      `${HOOK}&timestamp=1777000000000&sign=ovkWmVZWLm2OT9tfVKx5S4qzxyikQu7SNETcjOkl%2Fdw%3D`,
    );
  });

  it("starts the query with ? when the URL has none", () => {
    const request = buildDingTalkRequest(message(), target(SECRET, "http://127.0.0.1:9/send"), 1);
    expect(request.url).toMatch(/^http:\/\/127\.0\.0\.1:9\/send\?timestamp=1&sign=[^&]+$/);
  });
});

describe("appendQuery", () => {
  it("joins with ?, & or nothing, and keeps a fragment last", () => {
    expect(appendQuery("https://h/p", "a=1")).toBe("https://h/p?a=1");
    expect(appendQuery("https://h/p?", "a=1")).toBe("https://h/p?a=1");
    expect(appendQuery("https://h/p?t=x", "a=1")).toBe("https://h/p?t=x&a=1");
    expect(appendQuery("https://h/p?t=x&", "a=1")).toBe("https://h/p?t=x&a=1");
    expect(appendQuery("https://h/p?t=x#f", "a=1")).toBe("https://h/p?t=x&a=1#f");
  });
});

describe("readDingTalkOutcome", () => {
  it("reads errcode 0 as delivered", () => {
    expect(readDingTalkOutcome(200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
  });

  it("reads HTTP 200 with errcode 310000 as a failure not worth retrying", () => {
    expect(readDingTalkOutcome(200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({
      ok: false,
      error: "code 310000: sign not match",
      retryable: false,
    });
  });

  it("retries the rate limit (130101) and a busy system (-1)", () => {
    const tooFast = '{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}';
    expect(readDingTalkOutcome(200, tooFast)).toMatchObject({ ok: false, retryable: true });
    expect(readDingTalkOutcome(200, '{"errcode":-1,"errmsg":"系统繁忙"}')).toMatchObject({
      retryable: true,
    });
    expect(
      readDingTalkOutcome(200, '{"errcode":300001,"errmsg":"token is not exist"}'),
    ).toMatchObject({ retryable: false });
  });

  it("reads an answer without errcode by its status", () => {
    expect(readDingTalkOutcome(200, "")).toMatchObject({ ok: false, retryable: false });
    expect(readDingTalkOutcome(503, "")).toMatchObject({ ok: false, retryable: true });
  });
});
