"use client";

import { useState } from "react";

import { useI18n } from "@/components/providers";

import { KeysPanel } from "./keys-panel";
import { ProjectsPanel } from "./projects-panel";
import { UsersPanel } from "./users-panel";

export function SettingsPage({ firstProject }: { firstProject?: string }) {
  const { t } = useI18n();
  const [project, setProject] = useState(firstProject);
  return (
    <>
      <h1>{t.settings.title}</h1>
      <ProjectsPanel selected={project} onSelect={setProject} />
      {project && <KeysPanel slug={project} />}
      <UsersPanel />
    </>
  );
}
