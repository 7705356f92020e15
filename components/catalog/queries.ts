/** Client data for the catalogue: typed fetchers, query keys, hooks (react-query). */
import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import type { CodeListDto } from "@/lib/catalog/dto";
import type { CodeFamily } from "@/lib/catalog/types";

export interface CodeSearch {
  q: string;
  category: CodeFamily | "unknown" | "";
}

export const codeKeys = {
  all: ["codes"] as const,
  list: (search: CodeSearch) => [...codeKeys.all, "list", search] as const,
};

/** The query string for a search; empty fields are left out. */
export function searchParamsFor(search: CodeSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q.trim()) params.set("q", search.q.trim());
  if (search.category) params.set("category", search.category);
  return params;
}

export async function fetchCodes(search: CodeSearch, signal?: AbortSignal): Promise<CodeListDto> {
  return fetchJson<CodeListDto>(`/api/v1/codes?${searchParamsFor(search)}`, { signal });
}

export function useCodeSearch(
  search: CodeSearch,
  initial?: { search: CodeSearch; data: CodeListDto },
) {
  const isInitial =
    initial !== undefined &&
    initial.search.q.trim() === search.q.trim() &&
    initial.search.category === search.category;
  return useQuery({
    queryKey: codeKeys.list({ q: search.q.trim(), category: search.category }),
    queryFn: ({ signal }) => fetchCodes(search, signal),
    initialData: isInitial ? initial.data : undefined,
    placeholderData: keepPreviousData,
  });
}
