/**
 * Prometheus metrics (prom-client), one registry per process, served at GET /metrics.
 * Label values are bounded: project slugs, catalogue codes, HTTP statuses, field names.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  // Node.js and process metrics: codewatch_process_resident_memory_bytes, codewatch_nodejs_…
  collectDefaultMetrics({ register: registry, prefix: "codewatch_" });
  return {
    registry,
    ingestedEvents: new Counter({
      name: "codewatch_ingested_events_total",
      help: "Events stored, by project and code",
      labelNames: ["project", "code"] as const,
      registers: [registry],
    }),
    duplicateEvents: new Counter({
      name: "codewatch_duplicate_events_total",
      help: "Events not stored because their eventId was already stored, by project",
      labelNames: ["project"] as const,
      registers: [registry],
    }),
    rejectedEvents: new Counter({
      name: "codewatch_rejected_events_total",
      help: "Events refused by validation, by the field at fault",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    ingestWarnings: new Counter({
      name: "codewatch_ingest_warnings_total",
      help: "Fields cleaned or dropped from events that were stored, by field",
      labelNames: ["field"] as const,
      registers: [registry],
    }),
    ingestRequests: new Counter({
      name: "codewatch_ingest_requests_total",
      help:
        "Ingest requests (events API and OTLP) that reached the ingest service, by endpoint and " +
        "outcome: stored, or the kind of refusal (invalid-input, too-large, unsupported, " +
        "rate-limited, unavailable, error)",
      labelNames: ["endpoint", "outcome"] as const,
      registers: [registry],
    }),
    ingestDuration: new Histogram({
      name: "codewatch_ingest_duration_seconds",
      help: "Time to answer an ingest request, from receipt to response",
      labelNames: ["endpoint"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    aggregateBatchesMerged: new Counter({
      name: "codewatch_aggregate_batches_merged_total",
      help: "Stored batches whose counts the background merge added to the aggregates",
      registers: [registry],
    }),
    aggregateMergeFailures: new Counter({
      name: "codewatch_aggregate_merge_failures_total",
      help: "Background aggregate merges that failed (logged; the next one tries again)",
      registers: [registry],
    }),
    detectorMinutes: new Counter({
      name: "codewatch_detector_minutes_judged_total",
      help: "Code-minutes the spike detectors judged in the background loop (replays included)",
      registers: [registry],
    }),
    detectorTickDuration: new Histogram({
      name: "codewatch_detector_tick_duration_seconds",
      help: "Time of one background detector tick over all projects",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    detectorTickFailures: new Counter({
      name: "codewatch_detector_tick_failures_total",
      help: "Background detector ticks that failed (logged; the next tick tries again)",
      registers: [registry],
    }),
    alertCycleDuration: new Histogram({
      name: "codewatch_alert_cycle_duration_seconds",
      help: "Time of one alert cycle tick (evaluation, follow-up, delivery) on this instance",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    incidentsOpened: new Counter({
      name: "codewatch_incidents_opened_total",
      help: "Incidents opened by this instance's alert cycles",
      registers: [registry],
    }),
    openIncidents: new Gauge({
      name: "codewatch_open_incidents",
      help: "Incidents not resolved yet, by project (as of this instance's last tick)",
      labelNames: ["project"] as const,
      registers: [registry],
    }),
    notificationsSent: new Counter({
      name: "codewatch_notification_attempts_total",
      help: "Notification delivery attempts by this instance, by outcome (sent, retrying, failed)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    apiResponses: new Counter({
      name: "codewatch_api_responses_total",
      help: "Responses of the /api/v1 routes, by status",
      labelNames: ["status"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const holder = globalThis as typeof globalThis & { __codewatchMetrics?: Metrics };

export function metrics(): Metrics {
  holder.__codewatchMetrics ??= createMetrics();
  return holder.__codewatchMetrics;
}

/** "timestamp: older than..." -> "timestamp"; reasons without a field become "invalid". */
export function rejectionReason(error: string): string {
  const field = /^([A-Za-z.]+):/.exec(error)?.[1];
  return field ? field.split(".")[0]! : error.startsWith("not a JSON") ? "unreadable" : "invalid";
}
