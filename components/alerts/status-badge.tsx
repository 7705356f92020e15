"use client";

import { useI18n } from "@/components/providers";
import type { IncidentDto } from "@/lib/alerts/incident-reads";

import { verdictMarker } from "./format";

/** An incident's status as a badge: open (red), acknowledged (amber), resolved (quiet). */
export function StatusBadge({ status }: { status: IncidentDto["status"] }) {
  const { t } = useI18n();
  return (
    <span className={`badge incident-status incident-status-${status}`}>
      {t.alerts.status[status]}
    </span>
  );
}

/**
 * What a reader should know before trusting the numbers: found afterwards in old data, opened
 * on a provisional verdict, or a provisional verdict the settled one revised.
 */
export function IncidentMarkers({ incident }: { incident: IncidentDto }) {
  const { t } = useI18n();
  const marker = verdictMarker(incident);
  return (
    <>
      {incident.retrospective && (
        <span className="badge badge-retrospective" title={t.alerts.markers.retrospectiveHelp}>
          {t.alerts.markers.retrospective}
        </span>
      )}
      {marker === "provisional" && (
        <span className="badge badge-provisional" title={t.alerts.markers.provisionalHelp}>
          {t.alerts.markers.provisional}
        </span>
      )}
      {marker === "revised" && (
        <span className="badge badge-revised" title={t.alerts.markers.revisedHelp}>
          {t.alerts.markers.revised}
        </span>
      )}
    </>
  );
}
