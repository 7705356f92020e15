import { describe, expect, it } from "vitest";

import { alertsEndpoint, buildAlertmanagerRequest, readAlertmanagerOutcome } from "./alertmanager";
import { renderMessage } from "./message";
import { groupedMessage, incident, message, NOW_MS } from "./test-fixtures";

const target = (url = "http://alertmanager.internal:9093") => ({
  type: "alertmanager" as const,
  url,
  secret: null,
});
const iso = (ms: number) => new Date(ms).toISOString();

describe("alertsEndpoint", () => {
  it("joins /api/v2/alerts with or without a trailing slash, under a path prefix", () => {
    expect(alertsEndpoint("http://am:9093").url).toBe("http://am:9093/api/v2/alerts");
    expect(alertsEndpoint("http://am:9093/").url).toBe("http://am:9093/api/v2/alerts");
    expect(alertsEndpoint("https://ops.example.com/alertmanager").url).toBe(
      "https://ops.example.com/alertmanager/api/v2/alerts",
    );
    expect(alertsEndpoint("https://ops.example.com/alertmanager//").url).toBe(
      "https://ops.example.com/alertmanager/api/v2/alerts",
    );
  });

  it("moves credentials from the URL to a Basic authorization header", () => {
    expect(alertsEndpoint("https://cw:p%40ss@am.example.com/")).toEqual({
      url: "https://am.example.com/api/v2/alerts",
      authorization: `Basic ${Buffer.from("cw:p@ss").toString("base64")}`,
    });
  });
});

describe("buildAlertmanagerRequest", () => {
  it("posts an array with one alert per incident, active for 4 more minutes", () => {
    const m = message();
    const request = buildAlertmanagerRequest(m, target(), NOW_MS);
    const rendered = renderMessage(m);
    expect(request).toMatchObject({
      method: "POST",
      url: "http://alertmanager.internal:9093/api/v2/alerts",
      headers: { "content-type": "application/json" },
    });
    const id = "7f3c2a10-0000-4000-8000-000000000001";
    const url = `https://codewatch.example.com/incidents/${id}`;
    expect(JSON.parse(request.body)).toEqual([
      {
        labels: {
          alertname: "CodewatchIncident",
          project: "smartlife-android",
          code: "50502",
          rule: "Surge",
          incident: id,
          severity: "page",
        },
        annotations: {
          summary: rendered.title,
          description: rendered.text,
          cause: "certificate-expired",
          runbook_url: url,
          incident_url: url,
        },
        startsAt: "2026-05-01T10:02:00.000Z",
        endsAt: iso(NOW_MS + 4 * 60_000),
        generatorURL: url,
      },
    ]);
  });

  it("ends a resolved incident's alert when it resolved", () => {
    const m = message({
      kind: "resolve",
      incidents: [incident({ status: "resolved", resolvedAt: "2026-05-01T10:20:00.000Z" })],
    });
    const [alert] = JSON.parse(buildAlertmanagerRequest(m, target(), NOW_MS).body);
    expect(alert.endsAt).toBe("2026-05-01T10:20:00.000Z");
    expect(alert.annotations.summary).toMatch(/^\[codewatch\] Resolved: /);
  });

  it("gives each incident of a grouped message its own alert and words", () => {
    const alerts = JSON.parse(buildAlertmanagerRequest(groupedMessage(), target(), NOW_MS).body);
    expect(alerts.map((a: { labels: { project: string } }) => a.labels.project)).toEqual([
      "smartlife-android",
      "smartlife-ios",
      "tuya-smart",
    ]);
    expect(alerts[1].annotations.summary).toBe(
      "[codewatch] 50502 (SSL certificate verification failed) surged in smartlife-ios",
    );
    expect(alerts[1].annotations.cause).toBe("");
  });

  it("sends a refresh like an open, with endsAt moved on", () => {
    const later = NOW_MS + 60_000;
    const [alert] = JSON.parse(
      buildAlertmanagerRequest(message({ kind: "refresh" }), target(), later).body,
    );
    expect(alert.labels.alertname).toBe("CodewatchIncident");
    expect(alert.endsAt).toBe(iso(later + 4 * 60_000));
  });

  it("sends a test as one CodewatchTest alert that expires a minute later", () => {
    const alerts = JSON.parse(
      buildAlertmanagerRequest(groupedMessage({ kind: "test" }), target(), NOW_MS).body,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0].labels.alertname).toBe("CodewatchTest");
    expect(alerts[0].startsAt).toBe(iso(NOW_MS));
    expect(alerts[0].endsAt).toBe(iso(NOW_MS + 60_000));
    expect(alerts[0].annotations.description).toContain("This is a test message");
  });
});

describe("readAlertmanagerOutcome", () => {
  it("reads 200 as delivered, 400 as refused, 503 as retryable", () => {
    expect(readAlertmanagerOutcome(200, "")).toEqual({ ok: true });
    expect(
      readAlertmanagerOutcome(400, '{"code":400,"message":"start time must be before end time"}'),
    ).toMatchObject({ ok: false, retryable: false });
    expect(readAlertmanagerOutcome(503, "")).toMatchObject({ ok: false, retryable: true });
  });
});
