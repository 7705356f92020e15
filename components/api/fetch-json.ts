/**
 * The one way the browser calls the API: JSON in and out, and every failure as an ApiProblem
 * read from the server's problem+json (RFC 9457: title, status, detail, and `errors` naming each
 * wrong field), so every page shows the server's own reason, never "500 Internal Server Error".
 */
import type { FieldError, Problem } from "@/lib/http/problem";

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly type = "about:blank",
  ) {
    super(errors.length ? errors.map((e) => `${e.field}: ${e.message}`).join("; ") : detail);
    this.name = "ApiProblem";
  }
}

/** The problem an error response describes; a body that is not problem+json gets its status text. */
async function problemOf(response: Response): Promise<ApiProblem> {
  const body = (await response.json().catch(() => undefined)) as Partial<Problem> | undefined;
  const errors = (body?.errors ?? []).map((e) => ({
    // "body.name" names a form field as "name": the form is the body.
    field: e.field.replace(/^body\./, ""),
    message: e.message,
  }));
  return new ApiProblem(
    response.status,
    body?.detail || response.statusText || `HTTP ${response.status}`,
    errors,
    body?.type,
  );
}

/**
 * `url`'s JSON, or ApiProblem for a response that is not 2xx. `json` is sent as the body;
 * `signal` (react-query's) cancels the request.
 */
export async function fetchJson<T>(
  url: string,
  init: { method?: string; json?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(url, {
    method: init.method,
    signal: init.signal,
    headers: init.json !== undefined ? { "content-type": "application/json" } : undefined,
    body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as T;
}
