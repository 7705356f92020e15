"use client";

import { useI18n } from "@/components/providers";

import type { ProjectDto } from "@/lib/projects/dto";

import { useCreateProject, useProjects, useUpdateProject } from "./api";
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
      {projects.data?.projects
        .filter((p) => p.slug === selected)
        .map((p) => (
          <ProjectSettings key={p.slug} project={p} />
        ))}
    </section>
  );
}

/** Every IANA zone this browser knows, for the zone field's suggestions. */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC", "Asia/Shanghai"];
  }
}

/**
 * A project's settings: the zone its dashboard shows times and local days in by default, and
 * the language codewatch writes to its people in (notifications).
 */
function ProjectSettings({ project }: { project: ProjectDto }) {
  const { t } = useI18n();
  const update = useUpdateProject();
  return (
    <form
      className="inline-form"
      aria-label={t.settings.projectSettings(project.slug)}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        update.mutate({
          slug: project.slug,
          timeZone: String(form.get("timeZone")),
          language: form.get("language") === "en" ? "en" : "zh",
        });
      }}
    >
      <label className="field">
        {t.settings.timeZone}
        <input name="timeZone" defaultValue={project.timeZone} list="time-zones" required />
        <datalist id="time-zones">
          {timeZones().map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </label>
      <label className="field">
        {t.settings.language}
        <select name="language" defaultValue={project.language}>
          <option value="zh">{t.language.zh}</option>
          <option value="en">{t.language.en}</option>
        </select>
      </label>
      <button type="submit" className="button-quiet" disabled={update.isPending}>
        {t.settings.save}
      </button>
      {update.isSuccess && (
        <span role="status" className="muted">
          {t.settings.saved}
        </span>
      )}
      <MutationError error={update.error} />
    </form>
  );
}
