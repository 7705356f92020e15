"use client";

import Link from "next/link";
import { useMemo } from "react";

import { ApiProblem } from "@/components/api/fetch-json";
import { Hypotheses } from "@/components/dashboard/likely-cause";
import { useCatalogue } from "@/components/dashboard/queries";
import { QueryState } from "@/components/dashboard/query-state";
import { useNow } from "@/components/dashboard/use-now";
import { useI18n } from "@/components/providers";
import type { IncidentDetailDto } from "@/lib/alerts/incident-reads";
import type { Role } from "@/lib/auth/constants";
import type { CodeSummaryDto } from "@/lib/catalog/dto";
import { countLabel, expectedLabel, instantLabel } from "@/lib/charts/labels";

import { LIVE_MS, useIncident } from "./api";
import {
  devicesLabel,
  durationLabel,
  durationOf,
  peakLabel,
  ruleLabel,
  verdictMarker,
} from "./format";
import { IncidentActions } from "./incident-actions";
import { useCodeTitle } from "./incident-card";
import { IncidentChart } from "./incident-chart";
import { IncidentNotifications, IncidentTimeline } from "./incident-timeline";
import { IncidentMarkers, StatusBadge } from "./status-badge";
import { useViewerTimeZone } from "./use-time-zone";

/**
 * One incident: what surged, where and since when, whether to trust it (retrospective,
 * provisional, revised), acknowledge and resolve, the surge's chart, its likely causes with the
 * evidence, the timeline and every notification attempt. Refreshes every 15 s until resolved.
 */
export function IncidentPage(props: { id: string; role: Role; initial?: IncidentDetailDto }) {
  const { locale, t } = useI18n();
  const timeZone = useViewerTimeZone();
  const query = useIncident(props.id, props.initial ? { data: props.initial } : undefined);
  const catalogue = useCatalogue();
  const byCode = useMemo(
    () => new Map<number, CodeSummaryDto>(catalogue.data?.codes.map((c) => [c.code, c]) ?? []),
    [catalogue.data],
  );
  const codeTitle = useCodeTitle(byCode);
  const now = useNow(LIVE_MS);
  const incident = query.data;

  if (query.error instanceof ApiProblem && query.error.status === 404) {
    return (
      <section className="empty-state">
        <h1>{t.alerts.detail.notFound}</h1>
        <p>{t.alerts.detail.notFoundDetail}</p>
        <p>
          <Link href="/incidents">{t.alerts.detail.back}</Link>
        </p>
      </section>
    );
  }
  if (!incident) {
    return (
      <QueryState
        what={t.alerts.incidents}
        isPending={query.isPending}
        error={query.error}
        retry={() => void query.refetch()}
        skeletonHeight={320}
      >
        {null}
      </QueryState>
    );
  }

  const when = (iso: string) => instantLabel(Date.parse(iso), timeZone, locale);
  const marker = verdictMarker(incident);
  const diagnosis = incident.diagnosis;
  return (
    <div className="alerting incident-page">
      <p className="back-link">
        <Link href={`/incidents?project=${encodeURIComponent(incident.project)}`}>
          ← {t.alerts.detail.back}
        </Link>
      </p>
      <div className="incident-header">
        <h1>{t.alerts.detail.title(incident.code, codeTitle(incident.code))}</h1>
        <p className="incident-header-meta">
          <StatusBadge status={incident.status} />
          <IncidentMarkers incident={incident} />
          <span>{t.alerts.detail.inProject(incident.project)}</span>
          <span>{t.alerts.detail.ruleIs(ruleLabel(incident.rule, t))}</span>
        </p>
        {/* Said once per change, for screen readers: the badge above changed. */}
        <p className="visually-hidden" role="status">
          {t.alerts.status[incident.status]}
        </p>
      </div>
      <IncidentActions incident={incident} role={props.role} />
      {marker === "revised" && (
        <p className="incident-note incident-note-revised">{t.alerts.detail.revisedNote}</p>
      )}
      {marker === "provisional" && incident.status !== "resolved" && (
        <p className="incident-note">{t.alerts.detail.provisionalNote}</p>
      )}
      {incident.retrospective && (
        <p className="incident-note">{t.alerts.detail.retrospectiveNote}</p>
      )}
      <section className="panel incident-summary" aria-labelledby="incident-summary-heading">
        <h2 id="incident-summary-heading" className="visually-hidden">
          {t.alerts.detail.summary}
        </h2>
        <p className="incident-cause incident-cause-large">
          {incident.topCause
            ? t.dashboard.probableCause(incident.topCause.title[locale])
            : t.alerts.facts.noCause}
        </p>
        <dl className="incident-facts">
          <div>
            <dt>{t.alerts.facts.started}</dt>
            <dd>{when(incident.startedAt)}</dd>
          </div>
          <div>
            <dt>{t.alerts.facts.opened}</dt>
            <dd>{when(incident.openedAt)}</dd>
          </div>
          {incident.acknowledgedAt && (
            <div>
              <dt>{t.alerts.facts.acknowledged}</dt>
              <dd>
                {t.alerts.by(
                  when(incident.acknowledgedAt),
                  incident.acknowledgedBy ?? t.alerts.detail.system,
                )}
              </dd>
            </div>
          )}
          {incident.resolvedAt && (
            <div>
              <dt>{t.alerts.facts.resolved}</dt>
              <dd>
                {incident.resolvedBy
                  ? t.alerts.by(when(incident.resolvedAt), incident.resolvedBy)
                  : t.alerts.bySelf(when(incident.resolvedAt))}
              </dd>
            </div>
          )}
          <div>
            <dt>{t.alerts.facts.duration}</dt>
            <dd>
              {incident.resolvedAt
                ? durationLabel(durationOf(incident, now), t)
                : t.alerts.ongoing(durationLabel(durationOf(incident, now), t))}
            </dd>
          </div>
          <div>
            <dt>{t.alerts.facts.peak}</dt>
            <dd>{peakLabel(incident, locale, t)}</dd>
          </div>
          <div>
            <dt>{t.alerts.facts.events}</dt>
            <dd>{countLabel(incident.events, locale)}</dd>
          </div>
          <div>
            <dt>{t.alerts.facts.devices}</dt>
            <dd>{devicesLabel(incident.devices, locale, t)}</dd>
          </div>
        </dl>
      </section>
      <IncidentChart incident={incident} timeZone={timeZone} />
      <section className="panel likely-cause" aria-labelledby="diagnosis-heading">
        <h2 id="diagnosis-heading">{t.alerts.detail.diagnosis}</h2>
        {diagnosis ? (
          <>
            <p className="muted">
              {t.alerts.detail.diagnosisOf(
                countLabel(diagnosis.surge.events, locale),
                expectedLabel(diagnosis.surge.expected, locale),
                when(diagnosis.baselineFrom),
              )}
            </p>
            <Hypotheses diagnosis={diagnosis} detailed />
          </>
        ) : (
          <p className="muted">{t.alerts.detail.noDiagnosis}</p>
        )}
      </section>
      <IncidentTimeline incident={incident} timeZone={timeZone} />
      <IncidentNotifications incident={incident} timeZone={timeZone} />
    </div>
  );
}
