"use client";

import { useId } from "react";

import { MutationError } from "@/components/settings/mutation-error";
import { useI18n } from "@/components/providers";
import type { IncidentDto } from "@/lib/alerts/incident-reads";
import type { Role } from "@/lib/auth/constants";

import { useIncidentAction } from "./api";
import { canOperate } from "./roles";

/**
 * Acknowledge ("someone is on it": reminders stop) and resolve. Ops and admins only: anyone
 * else sees the buttons disabled and why, so nobody wonders where they went. A resolved
 * incident has nothing left to do.
 */
export function IncidentActions(props: { incident: IncidentDto; role: Role }) {
  const { t } = useI18n();
  const action = useIncidentAction(props.incident.id);
  const whyId = useId();
  const { status } = props.incident;
  if (status === "resolved") return <p className="muted">{t.alerts.detail.resolvedNote}</p>;
  const allowed = canOperate(props.role);
  const busy = action.isPending;
  return (
    <div className="incident-actions" role="group" aria-label={t.alerts.detail.actions}>
      <button
        type="button"
        className="button-primary"
        disabled={!allowed || busy || status !== "open"}
        aria-describedby={allowed ? undefined : whyId}
        onClick={() => action.mutate("acknowledge")}
      >
        {busy && action.variables === "acknowledge"
          ? t.alerts.detail.working
          : t.alerts.detail.acknowledge}
      </button>
      <button
        type="button"
        className="button-quiet"
        disabled={!allowed || busy}
        aria-describedby={allowed ? undefined : whyId}
        onClick={() => action.mutate("resolve")}
      >
        {busy && action.variables === "resolve" ? t.alerts.detail.working : t.alerts.detail.resolve}
      </button>
      {!allowed && (
        <p id={whyId} className="muted incident-actions-why">
          {t.alerts.detail.cannotAct(t.roles[props.role])}
        </p>
      )}
      <MutationError error={action.error} />
    </div>
  );
}
