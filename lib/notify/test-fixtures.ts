/** Incidents and messages for lib/notify's tests (imported by tests only). */
import type { AlertMessage, IncidentSummary } from "./types";

export const BASE_URL = "https://codewatch.example.com";
/** 2026-05-01 10:30:00 UTC. */
export const NOW_MS = Date.UTC(2026, 4, 1, 10, 30, 0);

export function incident(overrides: Partial<IncidentSummary> = {}): IncidentSummary {
  const id = overrides.id ?? "7f3c2a10-0000-4000-8000-000000000001";
  return {
    id,
    url: `${BASE_URL}/incidents/${id}`,
    projectSlug: "smartlife-android",
    projectName: "SmartLife Android",
    ruleName: "Surge",
    code: 50502,
    codeTitle: { en: "SSL certificate verification failed", zh: "SSL 证书校验失败" },
    status: "open",
    startedAt: "2026-05-01T10:02:00.000Z",
    openedAt: "2026-05-01T10:05:00.000Z",
    resolvedAt: null,
    peakPerMinute: 120,
    baselinePerMinute: 4,
    events: 3400,
    devices: 1200,
    topCause: {
      id: "certificate-expired",
      title: { en: "Server certificate probably expired", zh: "服务器证书可能已过期" },
    },
    ...overrides,
  };
}

export function message(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return {
    kind: "open",
    language: "en",
    incidents: [incident()],
    baseUrl: BASE_URL,
    ...overrides,
  };
}

/** One surge in three projects; the second has no diagnosis and no device ids. */
export function groupedMessage(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return message({
    incidents: [
      incident(),
      incident({
        id: "7f3c2a10-0000-4000-8000-000000000002",
        url: `${BASE_URL}/incidents/7f3c2a10-0000-4000-8000-000000000002`,
        projectSlug: "smartlife-ios",
        projectName: "SmartLife iOS",
        topCause: null,
        devices: null,
      }),
      incident({
        id: "7f3c2a10-0000-4000-8000-000000000003",
        url: `${BASE_URL}/incidents/7f3c2a10-0000-4000-8000-000000000003`,
        projectSlug: "tuya-smart",
        projectName: "Tuya Smart",
        baselinePerMinute: 0,
      }),
    ],
    ...overrides,
  });
}
