/** Reading a channel's answer: HTTP status classes, and the JSON bodies of the chat services. */
import type { DeliveryOutcome } from "./types";

const OK: DeliveryOutcome = { ok: true };

/** The start of an answer's body, for an error message (bodies can be whole HTML pages). */
export function snippet(bodyText: string, max = 200): string {
  const flat = bodyText.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * The outcome an HTTP status alone tells (RFC 9110): 2xx delivered; 408, 429 and 5xx worth
 * retrying; any other 4xx a request the endpoint will keep refusing (bad URL, token, payload).
 * A status below 100 stands for no answer at all (connection refused, timeout): retryable.
 */
export function httpOutcome(status: number, bodyText: string): DeliveryOutcome {
  if (status >= 200 && status < 300) return OK;
  const retryable = status < 100 || status === 408 || status === 429 || status >= 500;
  const detail = snippet(bodyText);
  const error = status < 100 ? "no answer" : `HTTP ${status}${detail ? `: ${detail}` : ""}`;
  return { ok: false, error, retryable };
}

/** `bodyText` as a JSON object, or null when it is not one. */
export function parseJsonObject(bodyText: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(bodyText);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * The outcome of a chat service that answers errors in the body, usually with HTTP 200: `code`
 * is the body's error code (0 = delivered), `retryable` tells which codes are passing limits.
 * Without a code, the HTTP status decides, and a 2xx without the expected body is a failure
 * (a proxy or a wrong URL answered, not the service).
 */
export function codedOutcome(
  status: number,
  bodyText: string,
  code: number | undefined,
  message: string,
  retryable: (code: number) => boolean,
): DeliveryOutcome {
  if (code === undefined) {
    const outcome = httpOutcome(status, bodyText);
    if (!outcome.ok) return outcome;
    return {
      ok: false,
      error: `unexpected answer: ${snippet(bodyText) || "(empty)"}`,
      retryable: false,
    };
  }
  if (code === 0 && status >= 200 && status < 300) return OK;
  const http = httpOutcome(status, bodyText);
  return {
    ok: false,
    error: `code ${code}${message ? `: ${snippet(message)}` : ""}${http.ok ? "" : ` (HTTP ${status})`}`,
    retryable: retryable(code) || (!http.ok && http.retryable),
  };
}

/** A numeric field of a parsed body (services send numbers; a numeric string is accepted too). */
export function numberField(
  body: Record<string, unknown> | null,
  name: string,
): number | undefined {
  const value = body?.[name];
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** A string field of a parsed body, or "". */
export function stringField(body: Record<string, unknown> | null, name: string): string {
  const value = body?.[name];
  return typeof value === "string" ? value : "";
}
