"use client";

import Link from "next/link";
import { useId } from "react";

import { useI18n } from "@/components/providers";
import type { IncidentDto } from "@/lib/alerts/incident-reads";
import type { CodeSummaryDto } from "@/lib/catalog/dto";
import { countLabel } from "@/lib/charts/labels";

import { devicesLabel, peakLabel, ruleLabel, shortInstantLabel } from "./format";
import { IncidentMarkers, StatusBadge } from "./status-badge";

/** The code's catalogue title, or "unknown code". */
export function useCodeTitle(catalogue: Map<number, CodeSummaryDto>) {
  const { locale, t } = useI18n();
  return (code: number) => {
    const entry = catalogue.get(code);
    return entry?.known ? entry.title[locale] : t.codes.unknownCode;
  };
}

/**
 * One incident in a list: status, code and title (the link to its page), what to trust of it,
 * its likely cause, and (unless `compact`) rule, times, size. A heading per incident, so a screen
 * reader can jump from one to the next.
 */
export function IncidentCard(props: {
  incident: IncidentDto;
  codeTitle: string;
  timeZone: string;
  headingLevel: 2 | 3;
  compact?: boolean;
}) {
  const { locale, t } = useI18n();
  const { incident } = props;
  const headingId = useId();
  const Heading = `h${props.headingLevel}` as const;
  const when = (iso: string) => shortInstantLabel(Date.parse(iso), props.timeZone, locale);
  const title = (
    <Heading id={headingId} className="incident-card-title">
      <Link href={`/incidents/${incident.id}`} prefetch={false}>
        <span className="code-number">{incident.code}</span> {props.codeTitle}
      </Link>
    </Heading>
  );
  return (
    <article
      className={`incident-card incident-card-${incident.status}`}
      aria-labelledby={headingId}
    >
      {props.compact ? (
        <>
          {title}
          <p className="incident-card-head incident-facts-line">
            <StatusBadge status={incident.status} />
            <IncidentMarkers incident={incident} />
            <span className="muted">
              {t.dashboard.since(when(incident.startedAt))} · {peakLabel(incident, locale, t)}
            </span>
          </p>
          <Cause incident={incident} />
        </>
      ) : (
        <>
          <div className="incident-card-head">
            <StatusBadge status={incident.status} />
            {title}
            <IncidentMarkers incident={incident} />
          </div>
          <Cause incident={incident} />
        </>
      )}
      {!props.compact && (
        <dl className="incident-facts-inline">
          <div>
            <dt>{t.alerts.facts.started}</dt>
            <dd>{when(incident.startedAt)}</dd>
          </div>
          <div>
            <dt>{t.alerts.facts.opened}</dt>
            <dd>{when(incident.openedAt)}</dd>
          </div>
          {incident.resolvedAt && (
            <div>
              <dt>{t.alerts.facts.resolved}</dt>
              <dd>{when(incident.resolvedAt)}</dd>
            </div>
          )}
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
          <div>
            <dt>{t.alerts.facts.rule}</dt>
            <dd>{ruleLabel(incident.rule, t)}</dd>
          </div>
        </dl>
      )}
    </article>
  );
}

function Cause({ incident }: { incident: IncidentDto }) {
  const { locale, t } = useI18n();
  return (
    <p className="incident-cause">
      {incident.topCause
        ? t.dashboard.probableCause(incident.topCause.title[locale])
        : t.alerts.facts.noCause}
    </p>
  );
}
