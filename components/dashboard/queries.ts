/**
 * Client data of the dashboard: typed fetchers of the statistics API, one query-key factory,
 * one hook per query (react-query). A view that ends now is "live": its queries are keyed by the
 * preset, not by instants, compute their window when they run, and refetch every
 * LIVE_REFRESH_MS while the tab is visible (react-query pauses interval refetches of hidden
 * tabs), so a surge appears on an open page within a minute without a reload.
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import type { CodeListDto } from "@/lib/catalog/dto";
import type { ProjectDto } from "@/lib/projects/dto";
import type {
  BreakdownDto,
  DiagnosisDto,
  RecentEventsDto,
  ReleasesDto,
  SeriesDto,
  SpikesDto,
  TopDto,
} from "@/lib/stats/dto";

import type { DashboardView, Dimension } from "./view-state";
import { windowOf } from "./view-state";

export const LIVE_REFRESH_MS = 20_000;

/** The query string of a statistics request: the view's project, window and filters. */
function statsParams(view: DashboardView, extra: Record<string, string | undefined> = {}) {
  const { from, to } = windowOf(view, Date.now());
  const params = new URLSearchParams();
  params.set("project", view.project);
  params.set("from", new Date(from).toISOString());
  params.set("to", new Date(to).toISOString());
  for (const [dimension, values] of Object.entries(view.filters) as [Dimension, string[]][]) {
    if (values.length) params.set(dimension, values.join(","));
  }
  for (const [name, value] of Object.entries(extra)) if (value) params.set(name, value);
  return params;
}

/** What identifies a view's data in the cache: for a live view, the preset, not the instants. */
function viewKey(view: DashboardView) {
  return {
    project: view.project,
    window: view.range === "custom" ? `${view.from}/${view.to}` : view.range,
    filters: view.filters,
  };
}

export const dashboardKeys = {
  all: ["dashboard"] as const,
  projects: () => ["projects"] as const,
  catalogue: () => ["codes", "list", { q: "", category: "" }] as const,
  series: (view: DashboardView, codes: number[] | undefined, interval: string, tz: string) =>
    [...dashboardKeys.all, "series", viewKey(view), codes ?? "busiest", interval, tz] as const,
  top: (view: DashboardView) => [...dashboardKeys.all, "top", viewKey(view)] as const,
  spikes: (view: DashboardView) => [...dashboardKeys.all, "spikes", viewKey(view)] as const,
  releases: (view: DashboardView) => [...dashboardKeys.all, "releases", viewKey(view)] as const,
  diagnosis: (project: string, code: number, from: string, to: string) =>
    [...dashboardKeys.all, "diagnosis", project, code, from, to] as const,
  breakdown: (view: DashboardView, code: number, dimension: Dimension) =>
    [...dashboardKeys.all, "breakdown", viewKey(view), code, dimension] as const,
  events: (view: DashboardView, code: number) =>
    [...dashboardKeys.all, "events", viewKey(view), code] as const,
};

/** Options every dashboard query shares: the previous data stays while new data loads. */
function liveOptions(view: DashboardView) {
  return {
    placeholderData: keepPreviousData,
    refetchInterval: view.range === "custom" ? (false as const) : LIVE_REFRESH_MS,
    staleTime: view.range === "custom" ? 5 * 60_000 : LIVE_REFRESH_MS / 2,
  };
}

export function useProjects() {
  return useQuery({
    queryKey: dashboardKeys.projects(),
    queryFn: ({ signal }) => fetchJson<{ projects: ProjectDto[] }>("/api/v1/projects", { signal }),
  });
}

/** The whole catalogue (every known and unknown code): titles, families, "unknown" badges. */
export function useCatalogue() {
  return useQuery({
    queryKey: dashboardKeys.catalogue(),
    queryFn: ({ signal }) => fetchJson<CodeListDto>("/api/v1/codes", { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useSeries(
  view: DashboardView,
  options: { codes?: number[]; interval: string; tz: string; enabled?: boolean },
) {
  return useQuery({
    queryKey: dashboardKeys.series(view, options.codes, options.interval, options.tz),
    queryFn: ({ signal }) =>
      fetchJson<SeriesDto>(
        `/api/v1/series?${statsParams(view, {
          interval: options.interval,
          tz: options.tz,
          codes: options.codes?.join(","),
        })}`,
        { signal },
      ),
    enabled: options.enabled ?? true,
    ...liveOptions(view),
  });
}

export function useTop(view: DashboardView) {
  return useQuery({
    queryKey: dashboardKeys.top(view),
    queryFn: ({ signal }) =>
      fetchJson<TopDto>(`/api/v1/top?${statsParams(view, { limit: "50" })}`, { signal }),
    ...liveOptions(view),
  });
}

/** Every spike of every code in the view (the filters aside: spikes are the code's own). */
export function useSpikes(view: DashboardView) {
  return useQuery({
    queryKey: dashboardKeys.spikes(view),
    queryFn: ({ signal }) =>
      fetchJson<SpikesDto>(`/api/v1/spikes?${statsParams({ ...view, filters: {} })}`, { signal }),
    ...liveOptions(view),
  });
}

export function useReleases(view: DashboardView) {
  return useQuery({
    queryKey: dashboardKeys.releases(view),
    queryFn: ({ signal }) =>
      fetchJson<ReleasesDto>(`/api/v1/releases?${statsParams({ ...view, filters: {} })}`, {
        signal,
      }),
    ...liveOptions(view),
  });
}

export function useBreakdown(view: DashboardView, code: number, dimension: Dimension) {
  return useQuery({
    queryKey: dashboardKeys.breakdown(view, code, dimension),
    queryFn: ({ signal }) =>
      fetchJson<BreakdownDto>(
        `/api/v1/breakdown?${statsParams(view, { code: String(code), dimension, limit: "8" })}`,
        { signal },
      ),
    ...liveOptions(view),
  });
}

/** A code's newest events, a page of 20 at a time ("older events" loads the next). */
export function useRecentEvents(view: DashboardView, code: number) {
  return useInfiniteQuery({
    queryKey: dashboardKeys.events(view, code),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ signal, pageParam }) =>
      fetchJson<RecentEventsDto>(
        `/api/v1/events?${statsParams(view, { code: String(code), limit: "20", before: pageParam })}`,
        { signal },
      ),
    getNextPageParam: (last) => last.next ?? undefined,
    refetchInterval: view.range === "custom" ? false : LIVE_REFRESH_MS,
  });
}

/**
 * The likely causes of one spike of a code (GET /api/v1/diagnosis): its window, at most a day
 * from its start. An ongoing spike's window grows with each refresh of the spikes.
 */
export function useDiagnosis(project: string, code: number, spike: { start: string; end: string }) {
  const from = spike.start;
  const to = new Date(
    Math.min(Date.parse(spike.end) + 60_000, Date.parse(spike.start) + 86_400_000),
  ).toISOString();
  return useQuery({
    queryKey: dashboardKeys.diagnosis(project, code, from, to),
    queryFn: ({ signal }) =>
      fetchJson<DiagnosisDto>(
        `/api/v1/diagnosis?${new URLSearchParams({ project, code: String(code), from, to })}`,
        { signal },
      ),
    enabled: Boolean(project),
    // An ongoing spike's window grows at each refresh: keep showing the last diagnosis meanwhile
    // (without it, the panel blanked to a skeleton every 20 s during a live surge).
    placeholderData: keepPreviousData,
  });
}
