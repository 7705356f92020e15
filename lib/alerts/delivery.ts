/**
 * Delivers the notification outbox (lib/alerts/notifications.ts): due rows are claimed with one
 * UPDATE … FOR UPDATE SKIP LOCKED (so two instances never send the same one), sent over HTTP as
 * their channel expects (lib/notify), and every attempt is recorded with the channel's answer.
 * A failure is retried with backoff (BACKOFF_SECONDS) unless the channel said retrying cannot
 * help (a wrong signature, a bad URL); after the last try the notification is failed. Each
 * attempt is a line on the incidents' timelines.
 */
import type { Db } from "../db/client";
import { poolOf } from "../db/client";
import { logger } from "../log";
import { buildRequest, readOutcome } from "../notify/request";
import type { AlertMessage, DeliveryOutcome, IncidentSummary, MessageKind } from "../notify/types";
import { channelTarget } from "./channels";

/** Waits before each retry; a notification is tried once plus this many times. */
export const BACKOFF_SECONDS = [5, 15, 45, 120, 300, 600];
const REQUEST_TIMEOUT_MS = 10_000;
/** A claimed notification is not claimed again for this long (an instance that died mid-send). */
const LEASE_MS = 60_000;

export interface DeliveryReport {
  sent: number;
  failed: number;
  retrying: number;
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadNotification>>>;

function loadNotification(db: Db, id: string) {
  return db.notification.findUnique({
    where: { id },
    include: {
      channel: true,
      incidents: { include: { incident: { include: { project: true, rule: true } } } },
    },
  });
}

/** Sends every due notification (at most `limit`), returning what happened. */
export async function deliverDue(
  db: Db,
  options: { nowMs?: number; baseUrl: string; limit?: number },
): Promise<DeliveryReport> {
  const nowMs = options.nowMs ?? Date.now();
  // Attempts are recorded on the clock of `nowMs` (simulated in tests), moving on in real time.
  const startedMs = Date.now();
  const clock = () => nowMs + (Date.now() - startedMs);
  const { rows } = await poolOf(db).query<{ id: string }>(
    `UPDATE "Notification" SET attempts = attempts + 1, "nextAttemptAt" = $2
     WHERE id IN (SELECT id FROM "Notification"
                  WHERE status = 'pending' AND "nextAttemptAt" <= $1
                  ORDER BY "nextAttemptAt" LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [new Date(nowMs), new Date(nowMs + LEASE_MS), options.limit ?? 50],
  );
  const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0 };
  // One at a time per cycle is plenty for a handful of channels; in parallel they would only
  // compete for the embedded database's one connection.
  for (const { id } of rows) {
    const notification = await loadNotification(db, id);
    if (!notification) continue;
    const result = await deliver(db, notification, options.baseUrl, { retry: true, clock });
    report[result]++;
  }
  return report;
}

/** Sends one claimed notification and records the attempt. */
async function deliver(
  db: Db,
  n: Loaded,
  baseUrl: string,
  options: { retry: boolean; clock: () => number },
): Promise<"sent" | "failed" | "retrying"> {
  const started = Date.now();
  let outcome: DeliveryOutcome;
  let httpStatus: number | null = null;
  try {
    const message = await messageFor(db, n.kind as MessageKind, n.incidents, baseUrl);
    const request = buildRequest(message, await channelTarget(db, n.channel), Date.now());
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    httpStatus = response.status;
    outcome = readOutcome(n.channel.type as never, response.status, await response.text());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    outcome = { ok: false, error: `request failed: ${reason}`, retryable: true };
  }
  const at = new Date(options.clock());
  const retriesLeft = options.retry && n.attempts <= BACKOFF_SECONDS.length;
  const status = outcome.ok ? "sent" : outcome.retryable && retriesLeft ? "pending" : "failed";
  const error = outcome.ok ? null : outcome.error.slice(0, 500);
  await db.$transaction(async (tx) => {
    await tx.notificationAttempt.create({
      data: {
        notificationId: n.id,
        at,
        ok: outcome.ok,
        httpStatus,
        error,
        durationMs: Date.now() - started,
      },
    });
    await tx.notification.update({
      where: { id: n.id },
      data: {
        status,
        lastError: error,
        sentAt: outcome.ok ? at : undefined,
        nextAttemptAt:
          status === "pending"
            ? new Date(at.getTime() + BACKOFF_SECONDS[n.attempts - 1]! * 1_000)
            : undefined,
      },
    });
    // Alertmanager's periodic re-sends are not news: only their failures are timeline lines.
    if (n.kind === "refresh" && outcome.ok) return;
    for (const { incidentId } of n.incidents) {
      await tx.incidentEvent.create({
        data: {
          incidentId,
          kind: outcome.ok ? "notified" : "notify-failed",
          at,
          detail: {
            notificationId: n.id,
            channel: n.channel.name,
            type: n.channel.type,
            message: n.kind,
            attempt: n.attempts,
            httpStatus,
            error,
            willRetry: status === "pending",
          },
        },
      });
    }
  });
  if (!outcome.ok) {
    logger().warn(
      { notification: n.id, channel: n.channel.name, attempt: n.attempts, error },
      `notification ${status === "pending" ? "failed, will retry" : "failed"}`,
    );
  }
  return status === "sent" ? "sent" : status === "pending" ? "retrying" : "failed";
}

interface CatalogTitle {
  title?: { zh: string; en: string };
}

/** The message a notification carries, in the language of its (first) incident's project. */
export async function messageFor(
  db: Db,
  kind: MessageKind,
  incidents: Loaded["incidents"],
  baseUrl: string,
): Promise<AlertMessage> {
  const codes = [...new Set(incidents.map((i) => i.incident.code))];
  const catalogue = await db.catalogCode.findMany({
    where: { code: { in: codes }, known: true },
    select: { code: true, content: true },
  });
  const titles = new Map(catalogue.map((c) => [c.code, (c.content as CatalogTitle).title ?? null]));
  const summaries = incidents.map(({ incident: i }) =>
    summarise(i, titles.get(i.code) ?? null, baseUrl),
  );
  const language = incidents[0]?.incident.project.language === "en" ? "en" : "zh";
  if (summaries.length === 0) summaries.push(sampleIncident(baseUrl));
  return { kind, language, incidents: summaries, baseUrl };
}

type LoadedIncident = Loaded["incidents"][number]["incident"];

interface StoredDiagnosis {
  hypotheses?: { id: string; title: { zh: string; en: string } }[];
}

export function summarise(
  i: LoadedIncident,
  codeTitle: { zh: string; en: string } | null,
  baseUrl: string,
): IncidentSummary {
  const top = (i.diagnosis as StoredDiagnosis | null)?.hypotheses?.[0];
  return {
    id: i.id,
    url: new URL(`/incidents/${i.id}`, baseUrl).toString(),
    projectSlug: i.project.slug,
    projectName: i.project.name,
    ruleName: i.rule.name,
    code: i.code,
    codeTitle,
    status: i.status as IncidentSummary["status"],
    startedAt: i.startedAt.toISOString(),
    openedAt: i.openedAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    peakPerMinute: i.peakPerMinute,
    baselinePerMinute: i.baselinePerMinute,
    events: i.events,
    devices: i.devices,
    topCause: top ? { id: top.id, title: top.title } : null,
  };
}

/** What a "send test" message describes: an example, and it says it is a test. */
function sampleIncident(baseUrl: string): IncidentSummary {
  const now = new Date().toISOString();
  return {
    id: "test",
    url: new URL("/incidents", baseUrl).toString(),
    projectSlug: "test",
    projectName: "codewatch test",
    ruleName: "50502 surge (SSLHandshakeException)",
    code: 50502,
    codeTitle: { zh: "SSL 握手失败", en: "SSL handshake failed" },
    status: "open",
    startedAt: now,
    openedAt: now,
    resolvedAt: null,
    peakPerMinute: 100,
    baselinePerMinute: 2,
    events: 300,
    devices: 120,
    topCause: {
      id: "certificate-expired",
      title: { zh: "服务器证书可能已过期", en: "Server certificate probably expired" },
    },
  };
}

/**
 * The "send test" button: one test message to the channel, now, recorded like any attempt.
 * Returns whether the channel took it and, if not, what it answered.
 */
export async function sendTestNotification(db: Db, channelId: string, baseUrl: string) {
  const created = await db.notification.create({
    data: {
      channelId,
      kind: "test",
      status: "pending",
      attempts: 1,
      nextAttemptAt: new Date(Date.now() + LEASE_MS),
    },
  });
  const loaded = await loadNotification(db, created.id);
  const result = await deliver(db, loaded!, baseUrl, { retry: false, clock: Date.now });
  const attempt = await db.notificationAttempt.findFirst({
    where: { notificationId: created.id },
    orderBy: { at: "desc" },
  });
  return {
    ok: result === "sent",
    httpStatus: attempt?.httpStatus ?? null,
    error: attempt?.error ?? null,
  };
}
