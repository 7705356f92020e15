import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { buildFeishuRequest, readFeishuOutcome } from "./feishu";
import { groupedMessage, message, NOW_MS } from "./test-fixtures";

const target = (secret: string | null = "feishu-secret") => ({
  type: "feishu" as const,
  url: "https://open.feishu.cn/open-apis/bot/v2/hook/0d5e7c1a",
  secret,
});
const INCIDENT_URL = "https://codewatch.example.com/incidents/7f3c2a10-0000-4000-8000-000000000001";

describe("buildFeishuRequest", () => {
  it("posts an interactive card with the first line as its header and a button to the incident", () => {
    const request = buildFeishuRequest(message(), target(null), NOW_MS);
    expect(request).toMatchObject({ method: "POST", url: target().url });
    expect(request.headers).toEqual({ "content-type": "application/json" });
    expect(JSON.parse(request.body)).toEqual({
      msg_type: "interactive",
      card: {
        config: { wide_screen_mode: true },
        header: {
          title: {
            tag: "plain_text",
            content:
              "[codewatch] 50502 surge in smartlife-android: Server certificate probably expired",
          },
          template: "red",
        },
        elements: [
          {
            tag: "div",
            text: {
              tag: "lark_md",
              content: [
                "Peak 120/min vs baseline 4/min (×30)",
                "3,400 events, 1,200 devices",
                "Since 2026-05-01 10:02 UTC",
                'Project SmartLife Android, rule "Surge", code 50502 (SSL certificate verification failed)',
              ].join("\n"),
            },
          },
          {
            tag: "action",
            actions: [
              {
                tag: "button",
                text: { tag: "plain_text", content: "Incident" },
                type: "primary",
                url: INCIDENT_URL,
              },
            ],
          },
        ],
      },
    });
  });

  it("signs as Feishu documents: key = timestamp + \\n + secret, empty message, base64", () => {
    const body = JSON.parse(buildFeishuRequest(message(), target(), NOW_MS).body);
    const timestamp = String(NOW_MS / 1000);
    expect(Object.keys(body)).toEqual(["timestamp", "sign", "msg_type", "card"]);
    expect(body.timestamp).toBe(timestamp);
    const expected = createHmac("sha256", `${timestamp}\n${"feishu-secret"}`)
      .update(Buffer.alloc(0))
      .digest("base64");
    expect(body.sign).toBe(expected);
  });

  it("matches a signature computed by openssl", () => {
    // key=$(printf '1777000000\nfeishu-secret' | xxd -p)
    // printf '' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$key -binary | base64
    const body = JSON.parse(buildFeishuRequest(message(), target(), 1_777_000_000_999).body);
    expect(body.timestamp).toBe("1777000000");
    expect(body.sign).toBe("dDZffRpjZvdDiv7cU28sU+Nc4M6o2VlEcZYmfRLzsv0=");
  });

  it("colours a resolve green and a reminder orange", () => {
    const template = (kind: "resolve" | "reminder") =>
      JSON.parse(buildFeishuRequest(message({ kind }), target(), NOW_MS).body).card.header.template;
    expect(template("resolve")).toBe("green");
    expect(template("reminder")).toBe("orange");
  });

  it("puts one line per project, with its link, in a grouped card", () => {
    const card = JSON.parse(buildFeishuRequest(groupedMessage(), target(), NOW_MS).body).card;
    const content: string = card.elements[0].text.content;
    expect(content.split("\n")).toHaveLength(3);
    expect(content).toContain(`**smartlife-android**: 50502 Server certificate probably expired;`);
    expect(content).toContain(`[open](${INCIDENT_URL})`);
    expect(card.elements[1].actions[0].url).toBe("https://codewatch.example.com/incidents");
  });
});

describe("readFeishuOutcome", () => {
  it("reads code 0, or StatusCode 0 from older bots, as delivered", () => {
    expect(readFeishuOutcome(200, '{"code":0,"msg":"success","data":{}}')).toEqual({ ok: true });
    expect(
      readFeishuOutcome(200, '{"Extra":null,"StatusCode":0,"StatusMessage":"success"}'),
    ).toEqual({ ok: true });
  });

  it("reads a bad signature (19021) as a failure not worth retrying", () => {
    const answer =
      '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}';
    expect(readFeishuOutcome(200, answer)).toEqual({
      ok: false,
      error: "code 19021: sign match fail or timestamp is not within one hour from current time",
      retryable: false,
    });
  });

  it("retries the rate limits, not a bad request", () => {
    expect(readFeishuOutcome(200, '{"code":11232,"msg":"frequency limited"}')).toMatchObject({
      ok: false,
      retryable: true,
    });
    expect(readFeishuOutcome(200, '{"code":9499,"msg":"too many request"}')).toMatchObject({
      retryable: true,
    });
    expect(readFeishuOutcome(400, '{"code":9499,"msg":"Bad Request"}')).toMatchObject({
      retryable: false,
    });
    expect(readFeishuOutcome(200, '{"code":19024,"msg":"Key Words Not Found"}')).toMatchObject({
      retryable: false,
    });
  });

  it("reads a 200 without Feishu's body as a failure, and a 5xx as retryable", () => {
    expect(readFeishuOutcome(200, "<html>captive portal</html>")).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(readFeishuOutcome(502, "Bad Gateway")).toMatchObject({ ok: false, retryable: true });
  });
});
