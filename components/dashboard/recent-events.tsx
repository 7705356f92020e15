"use client";

import { useI18n } from "@/components/providers";
import { instantLabel } from "@/lib/charts/labels";

import { QueryState } from "./query-state";
import { useRecentEvents } from "./queries";
import type { DashboardView } from "./view-state";

/** "+3 h 12 min", "−45 s": a device clock's drift, as ops read it (evidence for 104, 50502). */
export function driftLabel(ms: number | null): string {
  if (ms === null) return "–";
  const sign = ms < 0 ? "−" : "+";
  let rest = Math.round(Math.abs(ms) / 1000);
  if (rest < 60) return `${sign}${rest} s`;
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return `${sign}${parts.slice(0, 2).join(" ")}`;
}

/** The code's newest events with what people read in them, and older ones on demand. */
export function RecentEvents(props: { view: DashboardView; code: number; timeZone: string }) {
  const { locale, t } = useI18n();
  const query = useRecentEvents(props.view, props.code);
  const events = query.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <section className="panel" aria-labelledby="recent-events-heading">
      <h2 id="recent-events-heading">{t.dashboard.recentEvents}</h2>
      <QueryState
        what={t.dashboard.recentEvents}
        isPending={query.isPending}
        error={query.error}
        retry={() => void query.refetch()}
      >
        {events.length === 0 ? (
          <p className="muted">{t.dashboard.noEvents}</p>
        ) : (
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-labelledby="recent-events-heading"
          >
            <table className="data-table event-list">
              <thead>
                <tr>
                  <th scope="col">{t.dashboard.time}</th>
                  <th scope="col">{t.dashboard.exception}</th>
                  <th scope="col">{t.dashboard.message}</th>
                  <th scope="col" className="numeric">
                    {t.dashboard.clockDrift}
                  </th>
                  <th scope="col">{t.dashboard.host}</th>
                  <th scope="col">{t.dashboard.appVersion}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <tr key={`${event.occurredAt}|${event.receivedAt}|${event.eventId ?? ""}`}>
                    <td className="nowrap">
                      {instantLabel(Date.parse(event.occurredAt), props.timeZone, locale)}
                    </td>
                    <td className="mono event-message">{event.exception ?? "–"}</td>
                    <td className="event-message">
                      {event.message ?? "–"}
                      {event.cause && <div className="muted">{event.cause}</div>}
                    </td>
                    <td className="numeric">{driftLabel(event.clockDriftMs)}</td>
                    <td className="mono">{event.host ?? "–"}</td>
                    <td>{event.appVersion ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {query.hasNextPage && (
          <button
            type="button"
            className="button-quiet"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t.dashboard.olderEvents}
          </button>
        )}
      </QueryState>
    </section>
  );
}
