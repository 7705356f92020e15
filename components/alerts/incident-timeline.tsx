"use client";

import { useI18n } from "@/components/providers";
import type { IncidentDetailDto } from "@/lib/alerts/incident-reads";
import { instantLabel } from "@/lib/charts/labels";

import { timelineText } from "./format";

const TIME = { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" } as const;

/** "Nov 26, 2026, 14:01:05": timeline lines can be seconds apart. */
function preciseLabel(iso: string, timeZone: string, locale: "zh" | "en"): string {
  return new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-US", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    ...TIME,
  });
}

/** Everything that happened to the incident, oldest first, each line in words. */
export function IncidentTimeline(props: { incident: IncidentDetailDto; timeZone: string }) {
  const { locale, t } = useI18n();
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t.alerts.detail.timeline}</h2>
      <ol className="timeline">
        {props.incident.timeline.map((entry, i) => (
          <li key={`${entry.at}-${entry.kind}-${i}`} className={`timeline-${entry.kind}`}>
            <time dateTime={entry.at}>{preciseLabel(entry.at, props.timeZone, locale)}</time>
            <span>{timelineText(entry, { t, locale, timeZone: props.timeZone })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Each notification of the incident, with every attempt and what the channel answered. */
export function IncidentNotifications(props: { incident: IncidentDetailDto; timeZone: string }) {
  const { locale, t } = useI18n();
  const types: Record<string, string> = t.alerts.channelType;
  const kinds: Record<string, string> = t.alerts.messageKind;
  const statuses: Record<string, string> = t.alerts.detail.notificationStatus;
  const { notifications } = props.incident;
  return (
    <section className="panel" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t.alerts.detail.notifications}</h2>
      {notifications.length === 0 ? (
        <p className="muted">
          {props.incident.retrospective
            ? t.alerts.detail.noNotificationsPast
            : t.alerts.detail.noNotifications}
        </p>
      ) : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id}>
              <p className="notification-head">
                <strong>
                  {t.alerts.detail.notification(
                    kinds[n.kind] ?? n.kind,
                    n.channel,
                    types[n.type] ?? n.type,
                  )}
                </strong>{" "}
                <span className={`badge notification-${n.status}`}>
                  {statuses[n.status] ?? n.status}
                </span>
              </p>
              {n.attempts.length > 0 && (
                <ol className="attempt-list">
                  {n.attempts.map((a, i) => (
                    <li key={a.at}>
                      {t.alerts.detail.attempt(i + 1)} ·{" "}
                      <time dateTime={a.at}>
                        {instantLabel(Date.parse(a.at), props.timeZone, locale)}
                      </time>{" "}
                      · {a.ok ? t.alerts.detail.delivered : t.alerts.detail.failed}
                      {a.httpStatus !== null && !a.error?.includes(`HTTP ${a.httpStatus}`)
                        ? ` · HTTP ${a.httpStatus}`
                        : ""}
                      {a.error ? ` · ${a.error}` : ""}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
