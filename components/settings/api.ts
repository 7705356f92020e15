/** Client data for the admin pages: typed fetchers, query keys and hooks (react-query). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { ApiKeyScope } from "@/lib/auth/api-key-secret";
import type { Role } from "@/lib/auth/roles";
import type { ApiKeyDto, CreatedApiKeyDto, ProjectDto } from "@/lib/projects/dto";
import type { UserDto } from "@/lib/users/dto";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: init?.json !== undefined ? { "content-type": "application/json" } : undefined,
    body: init?.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const fields = (body.errors as { field: string; message: string }[] | undefined)
      ?.map((e) => `${e.field.replace(/^body\./, "")}: ${e.message}`)
      .join("; ");
    throw new ApiError(response.status, fields || body.detail || response.statusText);
  }
  return body as T;
}

export const settingsKeys = {
  projects: ["projects"] as const,
  keys: (slug: string) => ["projects", slug, "keys"] as const,
  users: ["users"] as const,
};

export function useProjects() {
  return useQuery({
    queryKey: settingsKeys.projects,
    queryFn: ({ signal }) => request<{ projects: ProjectDto[] }>("/api/v1/projects", { signal }),
  });
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { slug: string; name?: string }) =>
      request<ProjectDto>("/api/v1/projects", { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.projects }),
  });
}

export function useKeys(slug: string | undefined) {
  return useQuery({
    queryKey: settingsKeys.keys(slug ?? ""),
    queryFn: ({ signal }) =>
      request<{ keys: ApiKeyDto[] }>(`/api/v1/projects/${slug}/keys`, { signal }),
    enabled: Boolean(slug),
  });
}

export function useCreateKey(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name?: string; scopes: ApiKeyScope[] }) =>
      request<CreatedApiKeyDto>(`/api/v1/projects/${slug}/keys`, { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.keys(slug) }),
  });
}

export function useRevokeKey(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request<ApiKeyDto>(`/api/v1/keys/${id}/revoke`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.keys(slug) }),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: settingsKeys.users,
    queryFn: ({ signal }) => request<{ users: UserDto[] }>("/api/v1/users", { signal }),
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: Role; password: string }) =>
      request<UserDto>("/api/v1/users", { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: string; role?: Role; disabled?: boolean }) =>
      request<UserDto>(`/api/v1/users/${id}`, { method: "PATCH", json: change }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}
