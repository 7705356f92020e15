"use client";

import { useMemo } from "react";

import { RelatedIncidents } from "@/components/alerts/related-incidents";
import { LazyTimeSeriesChart } from "@/components/charts/lazy-time-series-chart";
import { useI18n } from "@/components/providers";
import { codeLines } from "@/lib/charts/series";
import type { CodeSummaryDto } from "@/lib/catalog/dto";
import type { ProjectDto } from "@/lib/projects/dto";

import { Breakdowns } from "./breakdowns";
import { LikelyCause } from "./likely-cause";
import { QueryState } from "./query-state";
import { LIVE_REFRESH_MS, useReleases, useSeries, useSpikes } from "./queries";
import { RecentEvents } from "./recent-events";
import { SpikingNow } from "./spiking-now";
import { useNow } from "./use-now";
import { useView } from "./use-view";
import { ViewControls } from "./view-controls";
import { intervalOf, windowOf, type Dimension } from "./view-state";

interface CodeActivityProps {
  code: number;
  /** The code's catalogue entry: its title on the spiking-now card. */
  summary: CodeSummaryDto;
  projects: ProjectDto[];
  user: string;
}

/**
 * A code's activity, beside its explanation: the view's controls, whether it is spiking now, its
 * chart with the expected value, the band and the spikes, releases marked. The same view
 * (project, range, filters) as the overview, in the URL.
 */
export function CodeActivity(props: CodeActivityProps) {
  const { t } = useI18n();
  const { view, change, timeZone, localTimeZone } = useView(
    useMemo(() => props.projects.map((p) => p.slug), [props.projects]),
    props.user,
  );
  const now = useNow(LIVE_REFRESH_MS);
  const span = windowOf(view, now);
  const { interval, allowed } = intervalOf(view, now);
  const series = useSeries(view, {
    codes: [props.code],
    interval,
    tz: timeZone,
    enabled: Boolean(view.project),
  });
  const spikes = useSpikes(view);
  const releases = useReleases(view);
  const codeSpikes = useMemo(
    () => spikes.data?.spikes.filter((s) => s.code === props.code) ?? [],
    [spikes.data, props.code],
  );
  // The spike the diagnosis explains: the ongoing one, else the latest in the range.
  const latestSpike =
    codeSpikes.find((s) => s.ongoing) ??
    codeSpikes.reduce<(typeof codeSpikes)[number] | undefined>(
      (latest, s) => (!latest || s.start > latest.start ? s : latest),
      undefined,
    );
  const chart = useMemo(
    () => (series.data ? codeLines(series.data, { timeZone, codes: [props.code] }) : undefined),
    [series.data, timeZone, props.code],
  );
  if (props.projects.length === 0) {
    return (
      <section className="empty-state">
        <h2>{t.dashboard.noProject}</h2>
        <p>{t.dashboard.noProjectHelp}</p>
      </section>
    );
  }
  return (
    <div className="code-activity">
      <ViewControls
        view={view}
        projects={props.projects}
        window={span}
        interval={interval}
        allowedIntervals={allowed}
        localTimeZone={localTimeZone}
        change={change}
      />
      {codeSpikes.some((s) => s.ongoing) && (
        <SpikingNow
          spikes={codeSpikes}
          catalogue={new Map([[props.code, props.summary]])}
          timeZone={timeZone}
          project={view.project}
        />
      )}
      <section className="panel" aria-labelledby="activity-heading">
        <h2 id="activity-heading">{t.dashboard.activityOf(props.code)}</h2>
        <p className="muted">{t.dashboard.timesIn(timeZone)}</p>
        <QueryState
          what={t.dashboard.activity}
          isPending={series.isPending}
          error={series.error}
          retry={() => void series.refetch()}
          skeletonHeight={280}
        >
          {chart && (
            <LazyTimeSeriesChart
              data={chart}
              timeZone={timeZone}
              title={`${t.dashboard.activityOf(props.code)}, ${t.chart.interval[interval]}`}
              showTitle={false}
              bandKey={String(props.code)}
              spikes={codeSpikes}
              spikeCodes={[props.code]}
              releases={releases.data?.releases}
            />
          )}
        </QueryState>
      </section>
      {latestSpike && (
        <LikelyCause
          project={view.project}
          code={props.code}
          spike={latestSpike}
          timeZone={timeZone}
        />
      )}
    </div>
  );
}

/**
 * Below the explanation and the chart: the code's breakdowns by every dimension against the
 * baseline, its newest events, and its incidents in the project.
 */
export function CodeInsights(props: Omit<CodeActivityProps, "summary">) {
  const { view, change, timeZone } = useView(
    useMemo(() => props.projects.map((p) => p.slug), [props.projects]),
    props.user,
  );
  if (props.projects.length === 0) return null;
  const filter = (dimension: Dimension, value: string) =>
    change({ filters: { ...view.filters, [dimension]: [value] } });
  return (
    <div className="code-activity">
      <Breakdowns view={view} code={props.code} filter={filter} />
      <RecentEvents view={view} code={props.code} timeZone={timeZone} />
      <RelatedIncidents project={view.project} code={props.code} timeZone={timeZone} />
    </div>
  );
}
