"use client";

import { useI18n } from "@/components/providers";

import { useCreateProject, useProjects } from "./api";
import { MutationError } from "./mutation-error";

export function ProjectsPanel({
  selected,
  onSelect,
}: {
  selected?: string;
  onSelect: (slug: string) => void;
}) {
  const { t } = useI18n();
  const projects = useProjects();
  const create = useCreateProject();
  return (
    <section aria-labelledby="projects-heading">
      <h2 id="projects-heading">{t.settings.projects}</h2>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const slug = String(form.get("slug"));
          const name = String(form.get("name") || "") || undefined;
          create.mutate(
            { slug, name },
            {
              onSuccess: (p) => {
                onSelect(p.slug);
                event.currentTarget?.reset();
              },
            },
          );
        }}
      >
        <label className="field">
          {t.settings.projectSlug}
          <input
            name="slug"
            required
            pattern="[a-z0-9][a-z0-9\-]{1,62}"
            placeholder="smartlife-android"
          />
        </label>
        <label className="field">
          {t.settings.projectName}
          <input name="name" placeholder="Smart Life Android" />
        </label>
        <button type="submit" className="button-primary">
          {t.settings.createProject}
        </button>
      </form>
      <MutationError error={create.error} />
      {projects.data?.projects.length === 0 && <p>{t.settings.noProjects}</p>}
      {projects.data && projects.data.projects.length > 0 && (
        <label className="field">
          {t.settings.selectProject}
          <select value={selected ?? ""} onChange={(e) => onSelect(e.target.value)}>
            <option value="" disabled>
              —
            </option>
            {projects.data.projects.map((p) => (
              <option key={p.id} value={p.slug}>
                {p.name} ({p.slug})
              </option>
            ))}
          </select>
        </label>
      )}
    </section>
  );
}
