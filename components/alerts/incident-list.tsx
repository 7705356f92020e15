"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";

import { useCatalogue } from "@/components/dashboard/queries";
import { QueryState } from "@/components/dashboard/query-state";
import { useView } from "@/components/dashboard/use-view";
import { useI18n } from "@/components/providers";
import type { Role } from "@/lib/auth/constants";
import type { CodeSummaryDto } from "@/lib/catalog/dto";
import { instantLabel } from "@/lib/charts/labels";
import type { ProjectDto } from "@/lib/projects/dto";

import { AlertingTabs } from "./alerting-tabs";
import { useIncidents, type IncidentStatusFilter } from "./api";
import { IncidentCard, useCodeTitle } from "./incident-card";
import { ProjectPicker } from "./project-picker";

const STATUSES: IncidentStatusFilter[] = ["open", "resolved", "all"];

function statusOf(value: string | null): IncidentStatusFilter {
  return STATUSES.find((s) => s === value) ?? "open";
}

/**
 * The incidents of a project, newest first, filtered by status (open by default: what on-call
 * looks for). The project comes from the URL, else the one this browser last showed (the
 * dashboard's own view hook); the status is in the URL too. Refreshes every 15 s.
 */
export function IncidentList(props: { projects: ProjectDto[]; user: string; role: Role }) {
  const { locale, t } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { view, timeZone } = useView(
    useMemo(() => props.projects.map((p) => p.slug), [props.projects]),
    props.user,
  );
  const status = statusOf(params.get("status"));
  const incidents = useIncidents(view.project, status);
  const catalogue = useCatalogue();
  const byCode = useMemo(
    () => new Map<number, CodeSummaryDto>(catalogue.data?.codes.map((c) => [c.code, c]) ?? []),
    [catalogue.data],
  );
  const codeTitle = useCodeTitle(byCode);

  const go = (next: { project?: string; status?: IncidentStatusFilter }) => {
    const query = new URLSearchParams({ project: next.project ?? view.project });
    const nextStatus = next.status ?? status;
    if (nextStatus !== "open") query.set("status", nextStatus);
    router.push(`${pathname}?${query}`, { scroll: false });
  };

  if (props.projects.length === 0) {
    return (
      <section className="empty-state">
        <h1>{t.nav.incidents}</h1>
        <h2>{t.dashboard.noProject}</h2>
        <p>{t.dashboard.noProjectHelp}</p>
      </section>
    );
  }
  const list = incidents.data?.incidents ?? [];
  return (
    <div className="alerting">
      <div className="page-heading">
        <h1>{t.nav.incidents}</h1>
        <p className="muted">
          {t.dashboard.timesIn(timeZone)} · {t.alerts.live}
          {incidents.dataUpdatedAt > 0
            ? ` · ${t.alerts.updated(instantLabel(incidents.dataUpdatedAt, timeZone, locale))}`
            : ""}
        </p>
      </div>
      <AlertingTabs role={props.role} project={view.project} />
      <p className="muted">{t.alerts.listIntro}</p>
      <div className="view-controls-row alerting-controls">
        <ProjectPicker
          projects={props.projects}
          value={view.project}
          onChange={(project) => go({ project })}
        />
        <fieldset className="segmented">
          <legend>{t.alerts.statusFilter.label}</legend>
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={status === s}
              onClick={() => go({ status: s })}
            >
              {t.alerts.statusFilter[s]}
            </button>
          ))}
        </fieldset>
      </div>
      <QueryState
        what={t.alerts.incidents}
        isPending={incidents.isPending}
        error={incidents.error}
        retry={() => void incidents.refetch()}
        skeletonHeight={160}
      >
        {list.length === 0 ? (
          <section className="empty-state" aria-labelledby="no-incidents-heading">
            <h2 id="no-incidents-heading">{t.alerts.none[status]}</h2>
            <p>{t.alerts.noneHelp}</p>
          </section>
        ) : (
          <>
            <p className="result-count" role="status">
              {t.alerts.count(list.length)}
            </p>
            <ul className="incident-list" aria-label={t.alerts.incidents}>
              {list.map((incident) => (
                <li key={incident.id}>
                  <IncidentCard
                    incident={incident}
                    codeTitle={codeTitle(incident.code)}
                    timeZone={timeZone}
                    headingLevel={2}
                  />
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryState>
    </div>
  );
}
