"use client";

import { useI18n } from "@/components/providers";
import type { ProjectDto } from "@/lib/projects/dto";

/** The project the page is about (shown only when there is a choice). */
export function ProjectPicker(props: {
  projects: ProjectDto[];
  value: string;
  onChange: (slug: string) => void;
}) {
  const { t } = useI18n();
  if (props.projects.length < 2) return null;
  return (
    <label className="field">
      {t.alerts.project}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.projects.map((p) => (
          <option key={p.slug} value={p.slug}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
