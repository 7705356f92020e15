/** Client data for the admin pages: typed fetchers, query keys and hooks (react-query). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";

import { fetchJson } from "@/components/api/fetch-json";
import type {
  createKeyBody,
  createProjectBody,
  updateProjectBody,
} from "@/lib/projects/api-schemas";
import type { ApiKeyDto, CreatedApiKeyDto, ProjectDto } from "@/lib/projects/dto";
import type { createUserBody, updateUserBody } from "@/lib/users/api-schemas";
import type { UserDto } from "@/lib/users/dto";

/** What each form sends: the input side of the endpoint's own schema. */
export type CreateProjectInput = z.input<typeof createProjectBody>;
export type CreateKeyInput = z.input<typeof createKeyBody>;
export type UpdateProjectInput = z.input<typeof updateProjectBody>;
export type CreateUserInput = z.input<typeof createUserBody>;
export type UpdateUserInput = z.input<typeof updateUserBody>;

export const settingsKeys = {
  projects: ["projects"] as const,
  keys: (slug: string) => ["projects", slug, "keys"] as const,
  users: ["users"] as const,
};

export function useProjects() {
  return useQuery({
    queryKey: settingsKeys.projects,
    queryFn: ({ signal }) => fetchJson<{ projects: ProjectDto[] }>("/api/v1/projects", { signal }),
  });
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProjectInput) =>
      fetchJson<ProjectDto>("/api/v1/projects", { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.projects }),
  });
}

export function useUpdateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ slug, ...change }: UpdateProjectInput & { slug: string }) =>
      fetchJson<ProjectDto>(`/api/v1/projects/${slug}`, { method: "PATCH", json: change }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.projects }),
  });
}

export function useKeys(slug: string | undefined) {
  return useQuery({
    queryKey: settingsKeys.keys(slug ?? ""),
    queryFn: ({ signal }) =>
      fetchJson<{ keys: ApiKeyDto[] }>(`/api/v1/projects/${slug}/keys`, { signal }),
    enabled: Boolean(slug),
    // "Last used" changes with every request a key makes elsewhere: the list is read afresh
    // whenever it is shown, not kept for the app's 30 s (it said "never" for a key just used).
    staleTime: 0,
  });
}

export function useCreateKey(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateKeyInput) =>
      fetchJson<CreatedApiKeyDto>(`/api/v1/projects/${slug}/keys`, { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.keys(slug) }),
  });
}

export function useRevokeKey(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      fetchJson<ApiKeyDto>(`/api/v1/keys/${id}/revoke`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.keys(slug) }),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: settingsKeys.users,
    queryFn: ({ signal }) => fetchJson<{ users: UserDto[] }>("/api/v1/users", { signal }),
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) =>
      fetchJson<UserDto>("/api/v1/users", { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: UpdateUserInput & { id: string }) =>
      fetchJson<UserDto>(`/api/v1/users/${id}`, { method: "PATCH", json: change }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}
