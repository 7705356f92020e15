"use client";

import { useState } from "react";

import { useI18n } from "@/components/providers";
import { RANGE_PRESETS, type RangePreset } from "@/lib/charts/intervals";
import type { Interval } from "@/lib/charts/types";
import type { ProjectDto } from "@/lib/projects/dto";

import type { DashboardView, Dimension } from "./view-state";

const PRESETS = Object.keys(RANGE_PRESETS) as RangePreset[];

/** `datetime-local` value of an instant in the viewer's zone (the input has no zone of its own). */
function localInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The view's controls: project, range (presets, or custom from/to), interval (the range's
 * allowed ones), the zone times are shown in, and the active filters as removable chips.
 */
export function ViewControls(props: {
  view: DashboardView;
  projects: ProjectDto[];
  window: { from: number; to: number };
  interval: Interval;
  allowedIntervals: Interval[];
  /** The viewer's own zone, the default. */
  localTimeZone: string;
  change: (next: Partial<DashboardView>) => void;
}) {
  const { t } = useI18n();
  const { view, change } = props;
  const [custom, setCustom] = useState(() => ({
    from: localInput(props.window.from),
    to: localInput(props.window.to),
  }));
  const filters = Object.entries(view.filters) as [Dimension, string[]][];
  const project = props.projects.find((p) => p.slug === view.project);
  return (
    <div className="view-controls">
      <div className="view-controls-row">
        {props.projects.length > 1 && (
          <label className="field">
            {t.dashboard.project}
            <select
              value={view.project}
              onChange={(e) => change({ project: e.target.value, codes: undefined })}
            >
              {props.projects.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <fieldset className="segmented">
          <legend>{t.dashboard.range}</legend>
          {PRESETS.map((preset) => (
            <button
              key={preset}
              type="button"
              aria-pressed={view.range === preset}
              onClick={() =>
                change({ range: preset, from: undefined, to: undefined, interval: undefined })
              }
            >
              {t.chart.range[preset]}
            </button>
          ))}
          <button
            type="button"
            aria-pressed={view.range === "custom"}
            onClick={() =>
              change({
                range: "custom",
                from: props.window.from,
                to: props.window.to,
                interval: undefined,
              })
            }
          >
            {t.chart.range.custom}
          </button>
        </fieldset>
        <label className="field">
          {t.dashboard.interval}
          <select
            value={props.interval}
            onChange={(e) => change({ interval: e.target.value as Interval })}
          >
            {props.allowedIntervals.map((interval) => (
              <option key={interval} value={interval}>
                {t.chart.interval[interval]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t.dashboard.timeZone}
          <select
            value={view.tz ?? ""}
            onChange={(e) => change({ tz: e.target.value || undefined })}
          >
            <option value="">{props.localTimeZone}</option>
            {[project?.timeZone, "UTC"]
              .filter(
                (zone, i, all): zone is string =>
                  Boolean(zone) && zone !== props.localTimeZone && all.indexOf(zone) === i,
              )
              .map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
          </select>
        </label>
      </div>
      {view.range === "custom" && (
        <form
          className="view-controls-row"
          onSubmit={(e) => {
            e.preventDefault();
            const from = new Date(custom.from).getTime();
            const to = new Date(custom.to).getTime();
            if (Number.isFinite(from) && Number.isFinite(to) && from < to) change({ from, to });
          }}
        >
          <label className="field">
            {t.dashboard.from}
            <input
              type="datetime-local"
              value={custom.from}
              onChange={(e) => setCustom({ ...custom, from: e.target.value })}
            />
          </label>
          <label className="field">
            {t.dashboard.to}
            <input
              type="datetime-local"
              value={custom.to}
              onChange={(e) => setCustom({ ...custom, to: e.target.value })}
            />
          </label>
          <button type="submit" className="button-quiet">
            {t.dashboard.apply}
          </button>
        </form>
      )}
      {filters.length > 0 && (
        <ul className="filter-chips" aria-label={t.dashboard.filters}>
          {filters.map(([dimension, values]) => (
            <li key={dimension}>
              <button
                type="button"
                className="chip"
                onClick={() => change({ filters: { ...view.filters, [dimension]: undefined } })}
              >
                {t.dashboard.dimensions[dimension]}: {values.join(", ")}{" "}
                <span aria-hidden="true">×</span>
                <span className="visually-hidden">({t.dashboard.clearFilters})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
