"use client";

import { useMemo, useSyncExternalStore } from "react";

import { OpenIncidents } from "@/components/alerts/open-incidents";
import { LazyTimeSeriesChart } from "@/components/charts/lazy-time-series-chart";
import { useI18n } from "@/components/providers";
import { instantLabel } from "@/lib/charts/labels";
import { codeLines, familyStacks } from "@/lib/charts/series";
import type { CodeSummaryDto } from "@/lib/catalog/dto";
import type { ProjectDto } from "@/lib/projects/dto";
import type { SeriesPoint } from "@/lib/stats/dto";

import { QueryState } from "./query-state";
import { SpikingNow } from "./spiking-now";
import { TopMovers } from "./top-movers";
import { Totals } from "./totals";
import {
  LIVE_REFRESH_MS,
  useCatalogue,
  useReleases,
  useSeries,
  useSpikes,
  useTop,
} from "./queries";
import { useNow } from "./use-now";
import { useView } from "./use-view";
import { ViewControls } from "./view-controls";
import { intervalOf, isLive, serializeView, windowOf } from "./view-state";

/** This site's origin, for the ingest URL an empty project is shown (the server renders none). */
function useOrigin(): string {
  return useSyncExternalStore(
    () => () => {},
    () => window.location.origin,
    () => "",
  );
}

/** Codes charted and given sparklines: the busiest of the range. */
const CHARTED_CODES = 15;
const LINES_SHOWN = 8;

/**
 * The overview: for the chosen project and range, the events against the previous period, the
 * codes spiking now, the incidents still open, a chart of the busiest codes (or of families,
 * stacked) with every spike of every code shaded and the releases marked, and the top codes with
 * their sparklines. Everything refreshes by itself while the range ends now (queries.ts).
 */
export function Overview({ projects, user }: { projects: ProjectDto[]; user: string }) {
  const { locale, t } = useI18n();
  const origin = useOrigin();
  const { view, change, timeZone, localTimeZone } = useView(
    useMemo(() => projects.map((p) => p.slug), [projects]),
    user,
  );
  const now = useNow(LIVE_REFRESH_MS);
  const span = windowOf(view, now);
  const { interval, allowed } = intervalOf(view, now);
  const catalogue = useCatalogue();
  const top = useTop(view);
  const chartedCodes = view.codes ?? top.data?.codes.slice(0, CHARTED_CODES).map((c) => c.code);
  const series = useSeries(view, {
    codes: chartedCodes,
    interval,
    tz: timeZone,
    enabled: Boolean(view.project && chartedCodes?.length),
  });
  const spikes = useSpikes(view);
  const releases = useReleases(view);

  const byCode = useMemo(
    () => new Map<number, CodeSummaryDto>(catalogue.data?.codes.map((c) => [c.code, c]) ?? []),
    [catalogue.data],
  );
  const chart = useMemo(() => {
    if (!series.data) return undefined;
    return view.mode === "stacked"
      ? familyStacks(series.data, {
          timeZone,
          familyOf: (code) => byCode.get(code)?.family,
          labels: t.family,
        })
      : codeLines(series.data, {
          timeZone,
          codes: view.codes,
          limit: LINES_SHOWN,
        });
  }, [series.data, view.mode, view.codes, timeZone, byCode, t.family]);
  const points = useMemo(
    () => new Map<number, SeriesPoint[]>(series.data?.series.map((s) => [s.code, s.points]) ?? []),
    [series.data],
  );

  if (projects.length === 0) {
    return (
      <section className="empty-state">
        <h1>{t.nav.overview}</h1>
        <h2>{t.dashboard.noProject}</h2>
        <p>{t.dashboard.noProjectHelp}</p>
      </section>
    );
  }
  const codeHref = (code: number) =>
    `/codes/${code}?${serializeView({ ...view, codes: undefined, mode: "lines" })}`;
  const empty = top.data !== undefined && top.data.total === 0;
  return (
    <div className="overview">
      <div className="page-heading">
        <h1>{t.nav.overview}</h1>
        <p className="muted" aria-live="polite">
          {t.dashboard.timesIn(timeZone)}
          {isLive(view) && series.dataUpdatedAt > 0
            ? ` · ${t.dashboard.live} · ${t.dashboard.updated(instantLabel(series.dataUpdatedAt, timeZone, locale))}`
            : ""}
        </p>
      </div>
      <ViewControls
        view={view}
        projects={projects}
        window={span}
        interval={interval}
        allowedIntervals={allowed}
        localTimeZone={localTimeZone}
        change={change}
      />
      <QueryState
        what={t.dashboard.events}
        isPending={top.isPending}
        error={top.error}
        retry={() => void top.refetch()}
        skeletonHeight={64}
      >
        {top.data && <Totals total={top.data.total} previousTotal={top.data.previousTotal} />}
      </QueryState>
      <QueryState
        what={t.dashboard.spikingNow}
        isPending={spikes.isPending}
        error={spikes.error}
        retry={() => void spikes.refetch()}
        skeletonHeight={64}
      >
        {spikes.data && (
          <SpikingNow
            spikes={spikes.data.spikes}
            catalogue={byCode}
            timeZone={timeZone}
            project={view.project}
          />
        )}
      </QueryState>
      <OpenIncidents project={view.project} timeZone={timeZone} catalogue={byCode} />
      {empty ? (
        <section className="empty-state">
          <h2>{t.dashboard.noData}</h2>
          <p>{t.dashboard.noDataHelp(`${origin}/api/v1/events`)}</p>
        </section>
      ) : (
        <>
          <section className="panel" aria-labelledby="chart-heading">
            <div className="panel-heading">
              <h2 id="chart-heading">{t.dashboard.chartTitle}</h2>
              <fieldset className="segmented">
                <legend className="visually-hidden">{t.dashboard.chartTitle}</legend>
                <button
                  type="button"
                  aria-pressed={view.mode === "lines"}
                  onClick={() => change({ mode: "lines" })}
                >
                  {t.dashboard.chartBusiest}
                </button>
                <button
                  type="button"
                  aria-pressed={view.mode === "stacked"}
                  onClick={() => change({ mode: "stacked" })}
                >
                  {t.dashboard.chartByFamily}
                </button>
              </fieldset>
            </div>
            {spikes.data && spikes.data.spikes.length > 0 && (
              <p className="muted">{t.dashboard.spikesInRange(spikes.data.spikes.length)}</p>
            )}
            <QueryState
              what={t.dashboard.chartTitle}
              isPending={series.isPending || top.isPending}
              error={series.error}
              retry={() => void series.refetch()}
              skeletonHeight={320}
            >
              {chart && (
                <LazyTimeSeriesChart
                  data={chart}
                  timeZone={timeZone}
                  title={`${t.dashboard.chartTitle}, ${t.chart.interval[interval]}`}
                  showTitle={false}
                  variant={view.mode}
                  spikes={spikes.data?.spikes}
                  releases={releases.data?.releases}
                  height={320}
                />
              )}
            </QueryState>
          </section>
          <section className="panel" aria-labelledby="top-movers-heading">
            <h2 id="top-movers-heading">{t.dashboard.topMovers}</h2>
            <QueryState
              what={t.dashboard.topMovers}
              isPending={top.isPending}
              error={top.error}
              retry={() => void top.refetch()}
            >
              {top.data && (
                <TopMovers
                  rows={top.data.codes}
                  from={span.from}
                  points={points}
                  catalogue={byCode}
                  codeHref={codeHref}
                />
              )}
            </QueryState>
          </section>
        </>
      )}
    </div>
  );
}
