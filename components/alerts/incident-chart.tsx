"use client";

import { useMemo } from "react";

import { LazyTimeSeriesChart } from "@/components/charts/lazy-time-series-chart";
import { QueryState } from "@/components/dashboard/query-state";
import { useI18n } from "@/components/providers";
import type { IncidentDto } from "@/lib/alerts/incident-reads";
import { codeLines } from "@/lib/charts/series";
import type { SpikeInput } from "@/lib/charts/types";

import { useIncidentSeries } from "./api";

/**
 * The surge: the incident's code per minute from half an hour before it to a quarter of an hour
 * after its resolve (or now), with the expected band, the incident shaded from its start to its
 * resolve (its instants are in the summary above it).
 */
export function IncidentChart(props: { incident: IncidentDto; timeZone: string }) {
  const { t } = useI18n();
  const { incident, timeZone } = props;
  const series = useIncidentSeries(incident, timeZone);
  const chart = useMemo(
    () => (series.data ? codeLines(series.data, { timeZone, codes: [incident.code] }) : undefined),
    [series.data, timeZone, incident.code],
  );
  const shaded = useMemo((): SpikeInput[] => {
    if (!series.data) return [];
    const settled = incident.openingVerdict === "settled" || incident.settledVerdict !== null;
    return [
      {
        code: incident.code,
        start: incident.startedAt,
        end: incident.resolvedAt ?? series.data.to,
        verdict: settled ? "settled" : "provisional",
        ongoing: incident.resolvedAt === null,
      },
    ];
  }, [series.data, incident]);
  const interval = series.data?.interval ?? "1m";
  const title = t.alerts.detail.chartTitle(incident.code, t.chart.interval[interval]);
  return (
    <section className="panel" aria-labelledby="incident-chart-heading">
      <h2 id="incident-chart-heading">{t.alerts.detail.chart}</h2>
      <p className="muted">
        {t.alerts.detail.chartHelp} {t.dashboard.timesIn(timeZone)}
      </p>
      <QueryState
        what={t.alerts.detail.chart}
        isPending={series.isPending}
        error={series.error}
        retry={() => void series.refetch()}
        skeletonHeight={260}
      >
        {chart && (
          <LazyTimeSeriesChart
            data={chart}
            timeZone={timeZone}
            title={title}
            showTitle={false}
            bandKey={String(incident.code)}
            spikes={shaded}
            height={260}
          />
        )}
      </QueryState>
    </section>
  );
}
