/**
 * Prometheus Alertmanager's API v2 (Prometheus docs, "Sending alerts" and "Alerts API";
 * Alertmanager's api/v2/openapi.yaml, `postAlerts`): POST `<base>/api/v2/alerts` with a JSON
 * array of `{labels, annotations, startsAt, endsAt, generatorURL}`, RFC 3339 times. Labels
 * identify an alert (Alertmanager deduplicates on them), annotations carry the words.
 *
 * Clients re-send active alerts (every 30 s to 3 min, the docs say); codewatch re-sends every
 * 60 s (`refresh`) with `endsAt` 4 minutes ahead, so an alert stays active while codewatch runs
 * and expires by itself if codewatch stops. A resolved incident is sent once more with `endsAt`
 * set to when it resolved.
 */
import { renderMessage } from "./message";
import { httpOutcome } from "./outcome";
import type {
  AlertMessage,
  ChannelTarget,
  DeliveryOutcome,
  IncidentSummary,
  OutgoingRequest,
} from "./types";

/** How far ahead an active alert's `endsAt` is set: four missed 60-second re-sends. */
export const ACTIVE_ALERT_TTL_MS = 4 * 60_000;
/** A test alert shows up, then expires on its own a minute later. */
export const TEST_ALERT_TTL_MS = 60_000;

export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
}

/** RFC 3339 in UTC, from an ISO 8601 string or epoch milliseconds. */
function rfc3339(time: string | number): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? String(time) : date.toISOString();
}

/**
 * The alerts endpoint under `base` (which may carry a path prefix, with or without a trailing
 * slash). Credentials in the URL (`https://user:pass@host`) move to a Basic `authorization`
 * header: fetch refuses URLs that carry them.
 */
export function alertsEndpoint(base: string): { url: string; authorization?: string } {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/api/v2/alerts`;
  if (!url.username && !url.password) return { url: url.toString() };
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = "";
  url.password = "";
  return {
    url: url.toString(),
    authorization: `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`,
  };
}

function incidentAlert(message: AlertMessage, incident: IncidentSummary, nowMs: number) {
  // Each alert speaks of its own incident, even when the message groups several.
  const own = renderMessage({ ...message, incidents: [incident] });
  const resolved = message.kind === "resolve" || incident.resolvedAt !== null;
  return {
    labels: {
      alertname: "CodewatchIncident",
      project: incident.projectSlug,
      code: String(incident.code),
      rule: incident.ruleName,
      incident: incident.id,
      severity: "page",
    },
    annotations: {
      summary: own.title,
      description: own.text,
      cause: incident.topCause?.id ?? "",
      runbook_url: incident.url,
      incident_url: incident.url,
    },
    startsAt: rfc3339(incident.startedAt),
    endsAt: rfc3339(resolved ? (incident.resolvedAt ?? nowMs) : nowMs + ACTIVE_ALERT_TTL_MS),
    generatorURL: incident.url,
  } satisfies PostableAlert;
}

function testAlert(message: AlertMessage, nowMs: number): PostableAlert {
  const rendered = renderMessage(message);
  const [first] = message.incidents;
  return {
    // Not "page": a test should reach the route, not wake anyone.
    labels: {
      alertname: "CodewatchTest",
      severity: "info",
      ...(first ? { project: first.projectSlug } : {}),
    },
    annotations: { summary: rendered.title, description: rendered.text },
    startsAt: rfc3339(nowMs),
    endsAt: rfc3339(nowMs + TEST_ALERT_TTL_MS),
    generatorURL: message.baseUrl,
  };
}

/**
 * POST one alert per incident (alertname `CodewatchIncident`; labels project, code, rule,
 * incident, severity=page; annotations summary, description, cause, runbook_url, incident_url),
 * `startsAt` the surge's start, `endsAt` the resolve time for a resolved incident or `nowMs` + 4
 * minutes. A `test` message sends a single `CodewatchTest` alert ending a minute after `nowMs`.
 */
export function buildAlertmanagerRequest(
  message: AlertMessage,
  target: ChannelTarget,
  nowMs: number,
): OutgoingRequest {
  const alerts: PostableAlert[] =
    message.kind === "test"
      ? [testAlert(message, nowMs)]
      : message.incidents.map((incident) => incidentAlert(message, incident, nowMs));
  const { url, authorization } = alertsEndpoint(target.url);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authorization) headers.authorization = authorization;
  return { method: "POST", url, headers, body: JSON.stringify(alerts) };
}

/** 2xx delivered (Alertmanager answers 200 with an empty body); 400 (invalid alerts) for good. */
export function readAlertmanagerOutcome(status: number, bodyText: string): DeliveryOutcome {
  return httpOutcome(status, bodyText);
}
