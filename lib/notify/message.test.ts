import { describe, expect, it } from "vitest";

import { formatRate, formatRatio, formatTime, renderMessage } from "./message";
import { groupedMessage, incident, message } from "./test-fixtures";

describe("renderMessage: the first line", () => {
  it("carries the top cause in English", () => {
    expect(renderMessage(message()).title).toBe(
      "[codewatch] 50502 surge in smartlife-android: Server certificate probably expired",
    );
  });

  it("carries the top cause in Chinese", () => {
    expect(renderMessage(message({ language: "zh" })).title).toBe(
      "【codewatch】smartlife-android 的 50502 突增：服务器证书可能已过期",
    );
  });

  it("says the code surged, with its title, when no cause is supported", () => {
    const noCause = message({ incidents: [incident({ topCause: null })] });
    expect(renderMessage(noCause).title).toBe(
      "[codewatch] 50502 (SSL certificate verification failed) surged in smartlife-android",
    );
    expect(renderMessage({ ...noCause, language: "zh" }).title).toBe(
      "【codewatch】smartlife-android 的 50502（SSL 证书校验失败）突增",
    );
  });

  it("says the code surged without a title for a code missing from the catalogue", () => {
    const unknown = message({ incidents: [incident({ topCause: null, codeTitle: null })] });
    expect(renderMessage(unknown).title).toBe("[codewatch] 50502 surged in smartlife-android");
    expect(renderMessage({ ...unknown, language: "zh" }).title).toBe(
      "【codewatch】smartlife-android 的 50502 突增",
    );
  });

  it("names the kind: reminder, resolve and test", () => {
    const title = (kind: "reminder" | "resolve" | "test", language: "en" | "zh" = "en") =>
      renderMessage(message({ kind, language })).title;
    expect(title("reminder")).toMatch(/^\[codewatch\] Still open, not acknowledged: 50502 surge/);
    expect(title("resolve")).toMatch(/^\[codewatch\] Resolved: 50502 surge/);
    expect(title("test")).toMatch(/^\[codewatch\] Test: 50502 surge/);
    expect(title("reminder", "zh")).toMatch(/^【codewatch】仍未确认：smartlife-android/);
    expect(title("resolve", "zh")).toMatch(/^【codewatch】已恢复：smartlife-android/);
    expect(title("test", "zh")).toMatch(/^【codewatch】测试：smartlife-android/);
  });

  it("reads a refresh as an open", () => {
    expect(renderMessage(message({ kind: "refresh" })).text).toBe(renderMessage(message()).text);
  });
});

describe("renderMessage: the lines", () => {
  it("gives the peak against the baseline, events, devices, the start and the link", () => {
    expect(renderMessage(message()).lines).toEqual([
      "[codewatch] 50502 surge in smartlife-android: Server certificate probably expired",
      "Peak 120/min vs baseline 4/min (×30)",
      "3,400 events, 1,200 devices",
      "Since 2026-05-01 10:02 UTC",
      'Project SmartLife Android, rule "Surge", code 50502 (SSL certificate verification failed)',
      "Incident: https://codewatch.example.com/incidents/7f3c2a10-0000-4000-8000-000000000001",
    ]);
  });

  it("gives the same in Chinese", () => {
    expect(renderMessage(message({ language: "zh" })).lines).toEqual([
      "【codewatch】smartlife-android 的 50502 突增：服务器证书可能已过期",
      "峰值 120 次/分钟，基线 4 次/分钟（×30）",
      "事件 3,400 次，设备 1,200 台",
      "开始于 2026-05-01 10:02 UTC",
      "项目 SmartLife Android，规则「Surge」，错误码 50502（SSL 证书校验失败）",
      "故障详情：https://codewatch.example.com/incidents/7f3c2a10-0000-4000-8000-000000000001",
    ]);
  });

  it("says devices are unknown when the events carry no device ids", () => {
    const m = message({ incidents: [incident({ devices: null })] });
    expect(renderMessage(m).lines).toContain("3,400 events, devices unknown (no device ids)");
    expect(renderMessage({ ...m, language: "zh" }).lines).toContain(
      "事件 3,400 次，设备数未知（事件没有设备 ID）",
    );
  });

  it("says when a resolved incident began and resolved", () => {
    const m = message({
      kind: "resolve",
      incidents: [incident({ status: "resolved", resolvedAt: "2026-05-01T11:40:00.000Z" })],
    });
    expect(renderMessage(m).lines).toContain(
      "Began 2026-05-01 10:02 UTC, resolved 2026-05-01 11:40 UTC",
    );
    expect(renderMessage({ ...m, language: "zh" }).lines).toContain(
      "开始于 2026-05-01 10:02 UTC，恢复于 2026-05-01 11:40 UTC",
    );
  });

  it("says a reminder's incident is still unacknowledged", () => {
    expect(renderMessage(message({ kind: "reminder" })).lines).toContain(
      "Nobody has acknowledged it since it opened at 2026-05-01 10:05 UTC",
    );
  });

  it("says a test is a test, on the line after the title", () => {
    expect(renderMessage(message({ kind: "test" })).lines[1]).toMatch(/^This is a test message/);
    expect(renderMessage(message({ kind: "test", language: "zh" })).lines[1]).toMatch(/测试消息/);
  });

  it("says no cause stands out when the diagnosis has none", () => {
    const m = message({ incidents: [incident({ topCause: null })] });
    expect(renderMessage(m).text).toContain("No likely cause stands out yet");
  });

  it("joins the lines into the text, and renders markdown with a bold title and a link", () => {
    const rendered = renderMessage(message());
    expect(rendered.text).toBe(rendered.lines.join("\n"));
    expect(rendered.markdown).toBe(
      [
        "**[codewatch] 50502 surge in smartlife-android: Server certificate probably expired**",
        "",
        "- Peak 120/min vs baseline 4/min (×30)",
        "- 3,400 events, 1,200 devices",
        "- Since 2026-05-01 10:02 UTC",
        '- Project SmartLife Android, rule "Surge", code 50502 (SSL certificate verification failed)',
        "",
        "[Incident](https://codewatch.example.com/incidents/7f3c2a10-0000-4000-8000-000000000001)",
      ].join("\n"),
    );
  });
});

describe("renderMessage: several projects in one message", () => {
  it("names the count of projects and the leading cause on the first line", () => {
    expect(renderMessage(groupedMessage()).title).toBe(
      "[codewatch] 50502 surge in 3 projects: Server certificate probably expired (2 of 3)",
    );
    expect(renderMessage(groupedMessage({ language: "zh" })).title).toBe(
      "【codewatch】3 个项目的 50502 突增：服务器证书可能已过期（3 个中的 2 个）",
    );
  });

  it("gives one line per project with its numbers and link, then the incident list", () => {
    const { lines } = renderMessage(groupedMessage());
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(
      "smartlife-android: 50502 Server certificate probably expired; peak 120/min vs baseline " +
        "4/min (×30); 3,400 events, 1,200 devices; since 2026-05-01 10:02 UTC " +
        "https://codewatch.example.com/incidents/7f3c2a10-0000-4000-8000-000000000001",
    );
    expect(lines[2]).toMatch(
      /^smartlife-ios: 50502 SSL certificate verification failed; .*devices unknown \(no device ids\).* https:\/\/codewatch\.example\.com\/incidents\/7f3c2a10-0000-4000-8000-000000000002$/,
    );
    expect(lines[3]).toMatch(/^tuya-smart: .*baseline 0\/min \(new\)/);
    expect(lines[4]).toBe("All incidents: https://codewatch.example.com/incidents");
  });

  it("says surges, not one code, when the codes differ", () => {
    const m = groupedMessage();
    const mixed = { ...m, incidents: [m.incidents[0]!, { ...m.incidents[2]!, code: 104 }] };
    expect(renderMessage(mixed).title).toBe(
      "[codewatch] Surges in 2 projects: Server certificate probably expired",
    );
    expect(renderMessage({ ...mixed, language: "zh" }).title).toBe(
      "【codewatch】2 个项目出现突增：服务器证书可能已过期",
    );
  });
});

describe("number and time formats", () => {
  it("rounds rates by size", () => {
    expect([1234.4, 12.6, 4, 2.54, 0.25, 0.0123, 0].map(formatRate)).toEqual([
      "1,234",
      "13",
      "4",
      "2.5",
      "0.25",
      "0.012",
      "0",
    ]);
  });

  it("gives the ratio, or null without a baseline", () => {
    expect(formatRatio(120, 4)).toBe("30");
    expect(formatRatio(10, 4)).toBe("2.5");
    expect(formatRatio(10, 0)).toBeNull();
  });

  it("writes instants in UTC to the minute", () => {
    expect(formatTime("2026-05-01T18:02:59+08:00")).toBe("2026-05-01 10:02 UTC");
    expect(formatTime("not a time")).toBe("not a time");
  });
});
