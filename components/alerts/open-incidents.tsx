"use client";

import Link from "next/link";

import { QueryState } from "@/components/dashboard/query-state";
import { useI18n } from "@/components/providers";
import type { CodeSummaryDto } from "@/lib/catalog/dto";

import { useIncidents } from "./api";
import { IncidentCard, useCodeTitle } from "./incident-card";

/** Cards shown on the overview; the incidents page lists the rest. */
const SHOWN = 6;

/**
 * The overview's open incidents (acknowledged ones included): what is being handled now, each
 * one click from its page. Refreshes every 15 s.
 */
export function OpenIncidents(props: {
  project: string;
  timeZone: string;
  catalogue: Map<number, CodeSummaryDto>;
}) {
  const { t } = useI18n();
  const incidents = useIncidents(props.project, "open");
  const codeTitle = useCodeTitle(props.catalogue);
  const list = incidents.data?.incidents ?? [];
  const all = `/incidents?project=${encodeURIComponent(props.project)}`;
  return (
    <section className="open-incidents" aria-labelledby="open-incidents-heading">
      <div className="panel-heading">
        <h2 id="open-incidents-heading">{t.alerts.openIncidents}</h2>
        <Link href={all} prefetch={false}>
          {t.alerts.allIncidents}
        </Link>
      </div>
      <QueryState
        what={t.alerts.openIncidents}
        isPending={incidents.isPending}
        error={incidents.error}
        retry={() => void incidents.refetch()}
        skeletonHeight={64}
      >
        {list.length === 0 ? (
          <p className="muted">{t.alerts.noOpenIncidents}</p>
        ) : (
          <ul className="incident-strip">
            {list.slice(0, SHOWN).map((incident) => (
              <li key={incident.id}>
                <IncidentCard
                  incident={incident}
                  codeTitle={codeTitle(incident.code)}
                  timeZone={props.timeZone}
                  headingLevel={3}
                  compact
                />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
