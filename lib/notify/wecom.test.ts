import { describe, expect, it } from "vitest";

import { groupedMessage, incident, message, NOW_MS } from "./test-fixtures";
import { buildWeComRequest, readWeComOutcome, WECOM_CONTENT_BYTES } from "./wecom";

const target = {
  type: "wecom" as const,
  url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1",
  secret: null,
};
const INCIDENT_URL = "https://codewatch.example.com/incidents/7f3c2a10-0000-4000-8000-000000000001";

describe("buildWeComRequest", () => {
  it("posts a markdown message: bold first line, a line per detail, the link", () => {
    const request = buildWeComRequest(message({ language: "zh" }), target, NOW_MS);
    expect(request).toMatchObject({ method: "POST", url: target.url });
    expect(request.headers).toEqual({ "content-type": "application/json" });
    expect(JSON.parse(request.body)).toEqual({
      msgtype: "markdown",
      markdown: {
        content: [
          "**【codewatch】smartlife-android 的 50502 突增：服务器证书可能已过期**",
          "峰值 120 次/分钟，基线 4 次/分钟（×30）",
          "事件 3,400 次，设备 1,200 台",
          "开始于 2026-05-01 10:02 UTC",
          "项目 SmartLife Android，规则「Surge」，错误码 50502（SSL 证书校验失败）",
          `[故障详情](${INCIDENT_URL})`,
        ].join("\n"),
      },
    });
  });

  it("keeps content within 4096 bytes of UTF-8, dropping whole lines and keeping the link", () => {
    const grouped = groupedMessage({ language: "zh" });
    const incidents = Array.from({ length: 120 }, (_, i) =>
      incident({ projectSlug: `项目-${i}`, id: `id-${i}` }),
    );
    const request = buildWeComRequest({ ...grouped, incidents }, target, NOW_MS);
    const content: string = JSON.parse(request.body).markdown.content;
    expect(Buffer.byteLength(content, "utf8")).toBeLessThanOrEqual(WECOM_CONTENT_BYTES);
    expect(content).not.toContain("\uFFFD");
    const lines = content.split("\n");
    expect(lines[0]).toBe("**【codewatch】120 个项目的 50502 突增：服务器证书可能已过期**");
    expect(lines.at(-2)).toMatch(/^……（另有 \d+ 行）$/);
    expect(lines.at(-1)).toBe("[全部故障](https://codewatch.example.com/incidents)");
  });

  it("cuts an oversized first line on a character boundary", () => {
    const long = incident({
      topCause: { id: "x", title: { en: "长".repeat(3000), zh: "长".repeat(3000) } },
    });
    const request = buildWeComRequest(message({ incidents: [long] }), target, NOW_MS);
    const content: string = JSON.parse(request.body).markdown.content;
    expect(Buffer.byteLength(content, "utf8")).toBeLessThanOrEqual(WECOM_CONTENT_BYTES);
    expect(content.endsWith("长…")).toBe(true);
  });
});

describe("readWeComOutcome", () => {
  it("reads errcode 0 as delivered", () => {
    expect(readWeComOutcome(200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
  });

  it("retries the frequency limit (45009), not a bad key or an oversized message", () => {
    const limit = '{"errcode":45009,"errmsg":"api freq out of limit"}';
    expect(readWeComOutcome(200, limit)).toMatchObject({ ok: false, retryable: true });
    expect(readWeComOutcome(200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toMatchObject(
      {
        ok: false,
        retryable: false,
      },
    );
    const tooLong = '{"errcode":40058,"errmsg":"markdown.content exceed max length 4096"}';
    expect(readWeComOutcome(200, tooLong)).toEqual({
      ok: false,
      error: "code 40058: markdown.content exceed max length 4096",
      retryable: false,
    });
  });
});
