"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { fetchJson } from "@/components/api/fetch-json";
import { useViewerTimeZone } from "@/components/alerts/use-time-zone";
import { QueryState } from "@/components/dashboard/query-state";
import { useI18n } from "@/components/providers";
import type { InboxMessageDto } from "@/lib/demo/inbox";
import { instantLabel } from "@/lib/charts/labels";
import type { WebhookPayload } from "@/lib/notify/webhook";

/** The inbox refreshes this often: a notification shows within seconds of its delivery. */
const INBOX_REFRESH_MS = 5_000;

/** The payload when it is one of ours (a WebhookPayload), else null (shown as raw text). */
function webhookPayload(message: InboxMessageDto): WebhookPayload | null {
  const p = message.payload as Partial<WebhookPayload> | null;
  return p && p.version === 1 && typeof p.title === "string" && Array.isArray(p.incidents)
    ? (p as WebhookPayload)
    : null;
}

/** The message's text below its title (the heading shows the title: not twice). */
function bodyLines(payload: WebhookPayload): string {
  const lines = payload.text.split("\n");
  return (lines[0] === payload.title ? lines.slice(1) : lines).join("\n");
}

/**
 * The demo inbox (/demo/inbox): what the demo's webhook channel delivered, newest first, each
 * with whether its signature held, the message as a chat tool would show it, links to its
 * incidents and the raw body. Each message is an article with a heading, for screen readers.
 */
export function InboxList() {
  const { locale, t } = useI18n();
  const timeZone = useViewerTimeZone();
  const inbox = useQuery({
    queryKey: ["demo-inbox"],
    queryFn: ({ signal }) =>
      fetchJson<{ messages: InboxMessageDto[] }>("/api/demo/inbox?limit=50", { signal }),
    refetchInterval: INBOX_REFRESH_MS,
  });
  const messages = inbox.data?.messages ?? [];
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t.alerts.inbox.title}</h1>
      <p className="muted">{t.alerts.inbox.intro}</p>
      <p className="muted">{t.alerts.inbox.live}</p>
      <QueryState
        what={t.alerts.inbox.what}
        isPending={inbox.isPending}
        error={inbox.error}
        retry={() => void inbox.refetch()}
      >
        {messages.length === 0 ? (
          <p className="empty-state">{t.alerts.inbox.empty}</p>
        ) : (
          <ol className="inbox-list" aria-live="polite">
            {messages.map((message) => {
              const payload = webhookPayload(message);
              const when = instantLabel(Date.parse(message.receivedAt), timeZone, locale);
              return (
                <li key={message.id}>
                  <article className="inbox-message" aria-labelledby={`inbox-${message.id}`}>
                    <h2 id={`inbox-${message.id}`} className="inbox-title">
                      {payload ? payload.title : t.alerts.inbox.raw}
                    </h2>
                    <p className="inbox-meta">
                      <span className={`badge inbox-signature-${message.signature}`}>
                        {message.signature === "verified" ? "✓ " : "✗ "}
                        {t.alerts.inbox.signature[message.signature]}
                      </span>
                      {payload && (
                        <span className="badge">{t.alerts.inbox.kind[payload.kind]}</span>
                      )}
                      <span className="muted">{t.alerts.inbox.received(when)}</span>
                    </p>
                    {payload && <p className="inbox-text">{bodyLines(payload)}</p>}
                    {payload && payload.incidents.length > 0 && (
                      <ul className="inbox-links">
                        {payload.incidents.map((incident) => (
                          <li key={incident.id}>
                            <Link href={`/incidents/${incident.id}`}>
                              {t.alerts.inbox.openIncident(
                                `${incident.code} ${incident.codeTitle?.[locale] ?? ""}`.trim(),
                              )}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    )}
                    <details>
                      <summary>{t.alerts.inbox.raw}</summary>
                      <pre className="inbox-raw">{message.body}</pre>
                    </details>
                  </article>
                </li>
              );
            })}
          </ol>
        )}
      </QueryState>
    </section>
  );
}
