/**
 * Client data of alerting: typed fetchers of the incidents, rules, silences and channels API,
 * one query-key factory, one hook per query or mutation (react-query). Incident queries refresh
 * every LIVE_MS while the tab is visible (react-query pauses interval refetches of hidden tabs);
 * a resolved incident no longer changes, so its page stops asking.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";

import { ApiProblem, fetchJson } from "@/components/api/fetch-json";
import type {
  createChannelBody,
  createRuleBody,
  createSilenceBody,
  updateRuleBody,
} from "@/lib/alerts/api-schemas";
import type { ChannelDto } from "@/lib/alerts/channels";
import type { IncidentDetailDto, IncidentDto } from "@/lib/alerts/incident-reads";
import type { RuleDto } from "@/lib/alerts/rules";
import type { SilenceDto } from "@/lib/alerts/silences";
import type { FieldError } from "@/lib/http/problem";
import type { SeriesDto } from "@/lib/stats/dto";

import { incidentWindow } from "./format";

/** How often incident lists and pages refresh by themselves. */
export const LIVE_MS = 15_000;

export type IncidentStatusFilter = "open" | "resolved" | "all";

/** What each form sends: the input side of the endpoint's own schema. */
export type CreateRuleInput = z.input<typeof createRuleBody>;
export type UpdateRuleInput = z.input<typeof updateRuleBody>;
export type CreateSilenceInput = z.input<typeof createSilenceBody>;
export type CreateChannelInput = z.input<typeof createChannelBody>;

export interface ChannelTestResult {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
}

export const alertKeys = {
  all: ["alerts"] as const,
  incidentLists: () => [...alertKeys.all, "incidents"] as const,
  incidents: (project: string, status: IncidentStatusFilter, code?: number) =>
    [...alertKeys.incidentLists(), { project, status, code: code ?? null }] as const,
  incident: (id: string) => [...alertKeys.all, "incident", id] as const,
  series: (id: string, from: number, until: string) =>
    [...alertKeys.all, "incident-series", id, from, until] as const,
  rules: (project: string) => [...alertKeys.all, "rules", project] as const,
  silences: (project: string) => [...alertKeys.all, "silences", project] as const,
  channels: (project: string) => [...alertKeys.all, "channels", project] as const,
};

/** A request whose success has no body (204): DELETE. Failures as ApiProblem, as fetchJson. */
async function sendWithoutBody(url: string, method: string): Promise<void> {
  const response = await fetch(url, { method });
  if (response.ok) return;
  const body = (await response.json().catch(() => undefined)) as
    { detail?: string; type?: string; errors?: FieldError[] } | undefined;
  throw new ApiProblem(
    response.status,
    body?.detail || response.statusText || `HTTP ${response.status}`,
    body?.errors ?? [],
    body?.type,
  );
}

const query = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) =>
      v === undefined || v === "" ? [] : [[k, String(v)]],
    ),
  );

/** A project's incidents, newest first (`open`: every one not resolved yet). */
export function useIncidents(
  project: string,
  status: IncidentStatusFilter,
  options: { code?: number; limit?: number } = {},
) {
  return useQuery({
    queryKey: alertKeys.incidents(project, status, options.code),
    queryFn: ({ signal }) =>
      fetchJson<{ project: string; incidents: IncidentDto[] }>(
        `/api/v1/incidents?${query({ project, status, code: options.code, limit: options.limit ?? 100 })}`,
        { signal },
      ),
    enabled: Boolean(project),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
    staleTime: LIVE_MS / 2,
  });
}

/** One incident whole; `initial` is what the server rendered the page with. */
export function useIncident(id: string, initial?: { data: IncidentDetailDto; at?: number }) {
  return useQuery({
    queryKey: alertKeys.incident(id),
    queryFn: ({ signal }) =>
      fetchJson<IncidentDetailDto>(`/api/v1/incidents/${encodeURIComponent(id)}`, { signal }),
    initialData: initial?.data,
    initialDataUpdatedAt: initial?.at,
    refetchInterval: (q) => (q.state.data?.status === "resolved" ? false : LIVE_MS),
    staleTime: LIVE_MS / 2,
  });
}

/**
 * The incident's code per minute around it (lib/alerts/format.ts `incidentWindow`): keyed by its
 * start and its end, or "live" while it lasts, when the window is computed at each refresh.
 */
export function useIncidentSeries(incident: IncidentDto | undefined, timeZone: string) {
  const live = !incident?.resolvedAt;
  return useQuery({
    queryKey: alertKeys.series(
      incident?.id ?? "",
      incident ? Date.parse(incident.startedAt) : 0,
      incident?.resolvedAt ?? "live",
    ),
    queryFn: ({ signal }) => {
      const window = incidentWindow(incident!, Date.now());
      return fetchJson<SeriesDto>(
        `/api/v1/series?${query({
          project: incident!.project,
          codes: incident!.code,
          from: new Date(window.from).toISOString(),
          to: new Date(window.to).toISOString(),
          interval: window.interval,
          tz: timeZone,
        })}`,
        { signal },
      );
    },
    enabled: incident !== undefined,
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_MS : false,
    staleTime: live ? LIVE_MS / 2 : 5 * 60_000,
  });
}

/** Acknowledge or resolve: the answer is the incident as it now is. */
export function useIncidentAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: "acknowledge" | "resolve") =>
      fetchJson<IncidentDetailDto>(`/api/v1/incidents/${encodeURIComponent(id)}/${action}`, {
        method: "POST",
      }),
    onSuccess: async (incident) => {
      client.setQueryData(alertKeys.incident(id), incident);
      await Promise.all([
        client.invalidateQueries({ queryKey: alertKeys.incidentLists() }),
        client.invalidateQueries({ queryKey: [...alertKeys.all, "incident-series", id] }),
      ]);
    },
  });
}

export function useRules(project: string) {
  return useQuery({
    queryKey: alertKeys.rules(project),
    queryFn: ({ signal }) =>
      fetchJson<{ project: string; rules: RuleDto[] }>(`/api/v1/rules?${query({ project })}`, {
        signal,
      }),
    enabled: Boolean(project),
  });
}

export function useCreateRule(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateRuleInput) =>
      fetchJson<RuleDto>("/api/v1/rules", { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.rules(project) }),
  });
}

type RulesData = { project: string; rules: RuleDto[] };

/**
 * A change to a rule, shown at once (a switch that waits for the server feels broken) and
 * rolled back if the server refuses it.
 */
export function useUpdateRule(project: string) {
  const client = useQueryClient();
  const key = alertKeys.rules(project);
  return useMutation({
    mutationFn: ({ id, ...change }: UpdateRuleInput & { id: string }) =>
      fetchJson<RuleDto>(`/api/v1/rules/${encodeURIComponent(id)}`, {
        method: "PATCH",
        json: change,
      }),
    onMutate: async ({ id, ...change }) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<RulesData>(key);
      if (before) {
        client.setQueryData<RulesData>(key, {
          ...before,
          rules: before.rules.map((r) => (r.id === id ? ({ ...r, ...change } as RuleDto) : r)),
        });
      }
      return { before };
    },
    onError: (_error, _change, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteRule(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      sendWithoutBody(`/api/v1/rules/${encodeURIComponent(id)}`, "DELETE"),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.rules(project) }),
  });
}

/** Silences of a project and those of every project, active and ended (newest end first). */
export function useSilences(project: string) {
  return useQuery({
    queryKey: alertKeys.silences(project),
    queryFn: ({ signal }) =>
      fetchJson<{ silences: SilenceDto[] }>(`/api/v1/silences?${query({ project })}`, { signal }),
    enabled: Boolean(project),
    // An active silence ends by itself: the lists move it without a reload.
    refetchInterval: 60_000,
  });
}

export function useCreateSilence(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSilenceInput) =>
      fetchJson<SilenceDto>("/api/v1/silences", { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.silences(project) }),
  });
}

export function useEndSilence(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      sendWithoutBody(`/api/v1/silences/${encodeURIComponent(id)}`, "DELETE"),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.silences(project) }),
  });
}

/** Channels of a project and those of every project (admins only). */
export function useChannels(project: string, enabled: boolean) {
  return useQuery({
    queryKey: alertKeys.channels(project),
    queryFn: ({ signal }) =>
      fetchJson<{ channels: ChannelDto[] }>(`/api/v1/channels?${query({ project })}`, { signal }),
    enabled: enabled && Boolean(project),
  });
}

export function useCreateChannel(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateChannelInput) =>
      fetchJson<ChannelDto>("/api/v1/channels", { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.channels(project) }),
  });
}

export function useDeleteChannel(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      sendWithoutBody(`/api/v1/channels/${encodeURIComponent(id)}`, "DELETE"),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.channels(project) }),
  });
}

export function useTestChannel() {
  return useMutation({
    mutationFn: (id: string) =>
      fetchJson<ChannelTestResult>(`/api/v1/channels/${encodeURIComponent(id)}/test`, {
        method: "POST",
      }),
  });
}
