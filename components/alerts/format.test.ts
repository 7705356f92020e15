import { describe, expect, it } from "vitest";

import type { IncidentDto } from "@/lib/alerts/incident-reads";
import { messages } from "@/lib/i18n/messages";

import {
  durationLabel,
  incidentWindow,
  peakLabel,
  ruleLabel,
  timelineText,
  verdictMarker,
} from "./format";

const MINUTE = 60_000;

const incident: IncidentDto = {
  id: "5f0c9a52-0d5b-4d4e-9d55-0d0c6c1a0001",
  project: "smartlife",
  rule: {
    id: "r1",
    name: "50502 surge (SSLHandshakeException)",
    builtin: "50502-surge",
    kind: "anomaly",
  },
  code: 50502,
  status: "open",
  retrospective: false,
  startedAt: "2026-11-26T10:01:00.000Z",
  openedAt: "2026-11-26T10:03:00.000Z",
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  resolvedBy: null,
  baselinePerMinute: 1.2,
  peakPerMinute: 150,
  peakAt: "2026-11-26T10:02:00.000Z",
  events: 450,
  devices: 200,
  openingVerdict: "provisional",
  settledVerdict: null,
  topCause: null,
};

const en = { t: messages.en, locale: "en" as const, timeZone: "UTC" };
const zh = { t: messages.zh, locale: "zh" as const, timeZone: "Asia/Shanghai" };
const line = (
  kind: string,
  detail: Record<string, unknown> | null,
  actor: string | null = null,
) => ({
  at: "2026-11-26T10:05:00.000Z",
  kind,
  actor,
  detail,
});

describe("incident words", () => {
  it("names a built-in rule in the reader's language, and a project's own rule as written", () => {
    expect(ruleLabel(incident.rule, messages.zh)).toBe("50502 突增（SSLHandshakeException）");
    expect(ruleLabel({ name: "My rule", builtin: null }, messages.zh)).toBe("My rule");
    expect(ruleLabel({ name: "Later rule", builtin: "not-known-yet" }, messages.en)).toBe(
      "Later rule",
    );
  });

  it("marks a provisional opening until settled, and a revised one for good", () => {
    expect(verdictMarker(incident)).toBe("provisional");
    expect(verdictMarker({ ...incident, settledVerdict: "revised" })).toBe("revised");
    expect(verdictMarker({ ...incident, settledVerdict: "confirmed" })).toBeNull();
    expect(verdictMarker({ ...incident, openingVerdict: "settled" })).toBeNull();
  });

  it("gives the peak against the baseline with the ratio, or new over a zero baseline", () => {
    expect(peakLabel(incident, "en", messages.en)).toBe("150/min vs baseline 1.2/min (×125)");
    expect(
      peakLabel({ ...incident, peakPerMinute: 3, baselinePerMinute: 1.2 }, "en", messages.en),
    ).toBe("3/min vs baseline 1.2/min (×2.5)");
    expect(peakLabel({ ...incident, baselinePerMinute: 0 }, "zh", messages.zh)).toBe(
      "每分钟 150，基线 0（新）",
    );
  });

  it("says how long in minutes, then hours and minutes", () => {
    expect(durationLabel(20_000, messages.en)).toBe("1 min");
    expect(durationLabel(12 * MINUTE, messages.en)).toBe("12 min");
    expect(durationLabel(180 * MINUTE, messages.en)).toBe("3 h");
    expect(durationLabel(1565 * MINUTE, messages.zh)).toBe("26 小时 5 分钟");
  });
});

describe("the incident's chart window", () => {
  it("runs from half an hour before the start to the current minute while it lasts", () => {
    const now = Date.parse("2026-11-26T10:20:30.000Z");
    const window = incidentWindow(incident, now);
    expect(new Date(window.from).toISOString()).toBe("2026-11-26T09:31:00.000Z");
    expect(new Date(window.to).toISOString()).toBe("2026-11-26T10:21:00.000Z");
    expect(window.interval).toBe("1m");
  });

  it("ends a quarter of an hour after a resolve, and coarsens for a long incident", () => {
    const resolved = { ...incident, resolvedAt: "2026-11-26T10:40:10.000Z" };
    const window = incidentWindow(resolved, Date.parse("2026-11-27T00:00:00.000Z"));
    expect(new Date(window.to).toISOString()).toBe("2026-11-26T10:56:00.000Z");
    const long = { ...incident, resolvedAt: "2026-11-27T10:40:00.000Z" };
    expect(incidentWindow(long, Date.parse("2026-11-28T00:00:00.000Z")).interval).toBe("5m");
  });
});

describe("timeline lines", () => {
  it("say how an incident opened, with its size", () => {
    const opened = line("opened", {
      verdict: "provisional",
      retrospective: false,
      events: 450,
      devices: null,
      peakPerMinute: 150,
      baselinePerMinute: 1.25,
    });
    expect(timelineText(opened, en)).toBe(
      "Opened on a provisional verdict: peak 150/min vs baseline 1.3/min, 450 events, devices unknown",
    );
    expect(timelineText(opened, zh)).toBe(
      "按暂定判断开启：峰值每分钟 150，基线 1.3，450 个事件，设备数未知",
    );
    expect(timelineText(line("opened", { retrospective: true, events: 10 }), en)).toMatch(
      /^Recorded from past data \(nobody paged\): /,
    );
  });

  it("name who acknowledged and how it resolved", () => {
    expect(timelineText(line("acknowledged", null, "ops@example.com"), zh)).toBe(
      "ops@example.com 已确认",
    );
    expect(timelineText(line("resolved", { by: "person" }, "ops@example.com"), en)).toBe(
      "Resolved by ops@example.com",
    );
    expect(timelineText(line("resolved", { by: "quiet", minutes: 10 }), en)).toBe(
      "Resolved by itself: 10 quiet minutes near the baseline",
    );
    expect(timelineText(line("settled", { verdict: "revised" }), en)).toMatch(/revised$/);
  });

  it("give each notification attempt's outcome", () => {
    const detail = {
      channel: "on-call",
      type: "webhook",
      message: "open",
      attempt: 2,
      httpStatus: 500,
      error: "HTTP 500: upstream down",
      willRetry: true,
    };
    expect(timelineText(line("notify-failed", detail), en)).toBe(
      "Opening notice to on-call (Webhook) failed: attempt 2; HTTP 500: upstream down; will retry",
    );
    expect(
      timelineText(line("notified", { ...detail, attempt: 3, httpStatus: 200, error: null }), zh),
    ).toBe("开启通知已送达 on-call（Webhook）：第 3 次尝试；HTTP 200");
    expect(timelineText(line("silenced", { notification: "open", comment: "renewal" }), en)).toBe(
      "Opening notice held back by a silence: “renewal”",
    );
  });

  it("show a kind they do not know by its name", () => {
    expect(timelineText(line("escalated", null), en)).toBe("escalated");
  });
});
