"use client";

import Link from "next/link";

import { QueryState } from "@/components/dashboard/query-state";
import { useI18n } from "@/components/providers";
import { instantLabel } from "@/lib/charts/labels";

import { useIncidents } from "./api";
import { peakLabel } from "./format";
import { IncidentMarkers, StatusBadge } from "./status-badge";

const SHOWN = 10;

/**
 * A code's incidents in the project, newest first, on the code's page: status, when, size and
 * likely cause, each a link to its incident page. The panel keeps the heading id the code page
 * has always had for it.
 */
export function RelatedIncidents(props: { project: string; code: number; timeZone: string }) {
  const { locale, t } = useI18n();
  const incidents = useIncidents(props.project, "all", { code: props.code, limit: SHOWN });
  const list = incidents.data?.incidents ?? [];
  return (
    <section className="panel" aria-labelledby="incidents-heading">
      <div className="panel-heading">
        <h2 id="incidents-heading">{t.dashboard.relatedIncidents}</h2>
        <Link href={`/incidents?project=${encodeURIComponent(props.project)}&status=all`}>
          {t.alerts.allIncidents}
        </Link>
      </div>
      <QueryState
        what={t.dashboard.relatedIncidents}
        isPending={incidents.isPending}
        error={incidents.error}
        retry={() => void incidents.refetch()}
        skeletonHeight={48}
      >
        {list.length === 0 ? (
          <p className="muted">{t.alerts.relatedNone}</p>
        ) : (
          <ul className="related-incidents">
            {list.map((incident) => (
              <li key={incident.id}>
                <StatusBadge status={incident.status} />{" "}
                <Link href={`/incidents/${incident.id}`} prefetch={false}>
                  {instantLabel(Date.parse(incident.startedAt), props.timeZone, locale)}
                  {incident.topCause ? ` · ${incident.topCause.title[locale]}` : ""}
                </Link>{" "}
                <IncidentMarkers incident={incident} />
                <span className="muted related-incident-size">
                  {peakLabel(incident, locale, t)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
