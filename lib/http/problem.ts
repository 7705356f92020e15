/**
 * Errors as application/problem+json (RFC 9457): `type`, `title`, `status`, `detail`, and
 * `errors` listing each wrong field. Every API failure goes through here, so clients see one shape.
 */
import type { FieldError } from "../errors";

export type { FieldError };

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

function problemBody(
  status: number,
  detail: string,
  slug?: string,
  errors?: FieldError[],
): Problem {
  return {
    type: slug ? `urn:codewatch:problem:${slug}` : "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...(errors?.length ? { errors } : {}),
  };
}

export function problemResponse(
  status: number,
  detail: string,
  options: { slug?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(problemBody(status, detail, options.slug, options.errors)), {
    status,
    headers: {
      "content-type": "application/problem+json; charset=utf-8",
      "cache-control": "no-store",
      ...options.headers,
    },
  });
}
