"use client";

import { useMemo } from "react";

import { useView } from "@/components/dashboard/use-view";
import { useI18n } from "@/components/providers";
import type { Role } from "@/lib/auth/constants";
import type { ProjectDto } from "@/lib/projects/dto";

import { AlertingTabs } from "./alerting-tabs";
import { ChannelsPanel } from "./channels-panel";
import { ProjectPicker } from "./project-picker";
import { canAdminister } from "./roles";
import { RulesPanel } from "./rules-panel";
import { SilencesPanel } from "./silences-panel";

export type AlertingSection = "rules" | "silences" | "channels";

/**
 * The alerting settings of a project: its rules, silences or (admins) channels, under the same
 * tabs as the incidents and for the project the dashboard shows (the URL's, else the one this
 * browser last showed). Channels say plainly when the role cannot see them.
 */
export function AlertingPage(props: {
  section: AlertingSection;
  projects: ProjectDto[];
  user: string;
  role: Role;
}) {
  const { t } = useI18n();
  const { view, change, timeZone } = useView(
    useMemo(() => props.projects.map((p) => p.slug), [props.projects]),
    props.user,
  );
  const title = t.alerts[props.section];
  const forbidden = props.section === "channels" && !canAdminister(props.role);
  return (
    <div className="alerting">
      <div className="page-heading">
        <h1>{title}</h1>
      </div>
      <AlertingTabs role={props.role} project={view.project || undefined} />
      {forbidden ? (
        <section className="empty-state" aria-labelledby="forbidden-heading">
          <h2 id="forbidden-heading">{t.forbidden.title}</h2>
          <p>{t.alerts.channelList.adminOnly}</p>
        </section>
      ) : props.projects.length === 0 ? (
        <section className="empty-state">
          <h2>{t.dashboard.noProject}</h2>
          <p>{t.alerts.noProject}</p>
        </section>
      ) : (
        <>
          <div className="view-controls-row alerting-controls">
            <ProjectPicker
              projects={props.projects}
              value={view.project}
              onChange={(project) => change({ project })}
            />
          </div>
          {props.section === "rules" && <RulesPanel project={view.project} role={props.role} />}
          {props.section === "silences" && (
            <SilencesPanel project={view.project} role={props.role} timeZone={timeZone} />
          )}
          {props.section === "channels" && <ChannelsPanel project={view.project} />}
        </>
      )}
    </div>
  );
}
