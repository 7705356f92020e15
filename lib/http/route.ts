/**
 * The one wrapper every API route handler goes through. It authenticates the caller (session or
 * bearer key) against the route's access rule, parses path params, query string and JSON body
 * with zod (refusing text the database cannot store, naming the field), runs the handler, and
 * is the one place where errors become problem+json:
 *   domain errors (lib/errors.ts) -> their status; a unique violation -> 409; the database
 *   unavailable, or a transaction it rolled back -> 503 with Retry-After; anything else -> 500
 *   with no internals (logged with the request id, never sent).
 * Every response carries an `x-request-id` (the client's own when it sent a sane one), which
 * the server log lines of that request carry too.
 */
import { randomUUID } from "node:crypto";

import { z, type ZodType } from "zod";

import { authorize, type AccessRule, type PrincipalFor } from "../auth/authorize";
import { unstorableStrings } from "../db/text";
import { DomainError, InvalidInputError, type FieldError } from "../errors";
import { logger, type Logger } from "../log";
import { metrics } from "../observability/metrics";
import { DEFAULT_BODY_LIMIT_BYTES, readJsonBody } from "./body";
import { isDatabaseUnavailable, isUniqueViolation, isUnstorableText } from "../db/errors";
import { problemResponse } from "./problem";

const DATABASE_RETRY_AFTER_SECONDS = 5;

type RawParams = Record<string, string | string[] | undefined>;

export interface RouteContext {
  params: Promise<RawParams>;
}

export interface RouteSpec<R extends AccessRule | "public", Q, P, B> {
  /** Who may call: an access rule (lib/auth/access-rules.ts), or "public". */
  auth: R;
  query?: Q;
  params?: P;
  /** A JSON body, read up to `bodyLimitBytes` (64 KiB by default). */
  body?: B;
  bodyLimitBytes?: number;
}

export interface HandlerInput<R extends AccessRule | "public", Q, P, B> {
  request: Request;
  /** The caller, typed by the rule: a key-only rule gives a key principal. */
  principal: R extends AccessRule ? PrincipalFor<R> : undefined;
  query: Q;
  params: P;
  body: B;
  /** This request's logger (its lines carry the request id). */
  log: Logger;
}

type Parsed<T> = T extends ZodType ? z.infer<T> : undefined;

function fieldErrors(location: string, error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const at = [location, ...issue.path.map(String)].join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: `${at}.${key}`, message: "unknown parameter" }));
    }
    return [{ field: at, message: issue.message }];
  });
}

/**
 * Query strings (and form bodies) arrive as strings; a parameter given twice becomes an array,
 * which a schema expecting one value rejects as ambiguous.
 */
export function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    result[key] = values.length === 1 ? values[0]! : values;
  }
  return result;
}

const WHAT = { query: "query parameter", params: "path", body: "body" } as const;

/**
 * Throws InvalidInputError naming each string in `value` that a NUL or a lone surrogate makes
 * unfit for a query (PostgreSQL 22021): such text must never reach one.
 */
export function refuseUnstorableText(value: unknown, location: keyof typeof WHAT): void {
  const unstorable = unstorableStrings(value, location);
  if (unstorable.length > 0) {
    throw new InvalidInputError(
      `Invalid ${WHAT[location]}.`,
      unstorable.map(([field, message]) => ({ field, message })),
    );
  }
}

function parse<T>(schema: T | undefined, location: keyof typeof WHAT, value: unknown): Parsed<T> {
  refuseUnstorableText(value, location);
  if (!schema) return undefined as Parsed<T>;
  const parsed = (schema as unknown as ZodType).safeParse(value);
  if (!parsed.success) {
    throw new InvalidInputError(`Invalid ${WHAT[location]}.`, fieldErrors(location, parsed.error));
  }
  return parsed.data as Parsed<T>;
}

/** The status and extra headers of a domain error. */
function statusOf(error: DomainError): { status: number; headers?: Record<string, string> } {
  switch (error.kind) {
    case "not-found":
      return { status: 404 };
    case "conflict":
      return { status: 409 };
    case "invalid-input":
      return { status: 400 };
    case "too-large":
      return { status: 413 };
    case "unsupported":
      return { status: 415 };
    case "unauthenticated":
      return { status: 401, headers: { "www-authenticate": 'Bearer realm="codewatch"' } };
    case "forbidden":
      return { status: 403 };
    case "rate-limited":
    case "unavailable": {
      const seconds = (error as DomainError & { retryAfterSeconds: number }).retryAfterSeconds;
      const status = error.kind === "rate-limited" ? 429 : 503;
      return { status, headers: { "retry-after": String(Math.max(1, Math.ceil(seconds))) } };
    }
    default:
      return { status: 500 };
  }
}

/** Every failure as problem+json; only the unexpected ones are logged. */
export function errorResponse(error: unknown, request: Request, log: Logger): Response {
  if (error instanceof DomainError) {
    const { status, headers } = statusOf(error);
    return problemResponse(status, error.message, {
      slug: error.slug,
      errors: error instanceof InvalidInputError ? error.errors : undefined,
      headers,
    });
  }
  if (isUniqueViolation(error)) {
    // A unique constraint: two requests created the same thing at once.
    return problemResponse(409, "That already exists.", { slug: "conflict" });
  }
  if (isDatabaseUnavailable(error)) {
    // Nothing was stored (writes are one transaction); the client retries the same request.
    return problemResponse(503, "The database is unavailable. Retry shortly.", {
      slug: "database-unavailable",
      headers: { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
    });
  }
  if (isUnstorableText(error)) {
    // Request text that slipped past the checks above: still the client's text, not our fault.
    log.warn({ err: error }, "unstorable request text reached the database");
    return problemResponse(400, "The request contains text that cannot be stored.", {
      slug: "invalid-request",
    });
  }
  log.error(
    { err: error, method: request.method, path: new URL(request.url).pathname },
    "request failed",
  );
  return problemResponse(500, "The server could not complete the request.", { slug: "internal" });
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

export function apiRoute<
  R extends AccessRule | "public",
  Q = undefined,
  P = undefined,
  B = undefined,
>(
  spec: RouteSpec<R, Q, P, B>,
  handler: (input: HandlerInput<R, Parsed<Q>, Parsed<P>, Parsed<B>>) => Promise<Response>,
) {
  const respond = async (request: Request, context: RouteContext, log: Logger) => {
    try {
      const principal = (
        spec.auth === "public" ? undefined : await authorize(request, spec.auth as AccessRule)
      ) as HandlerInput<R, unknown, unknown, unknown>["principal"];
      const query = parse(
        spec.query,
        "query",
        searchParamsObject(new URL(request.url).searchParams),
      );
      const params = parse(spec.params, "params", await context.params);
      const body = spec.body
        ? parse(
            spec.body,
            "body",
            await readJsonBody(request, spec.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES),
          )
        : (undefined as Parsed<B>);
      return await handler({ request, principal, query, params, body, log });
    } catch (error) {
      return errorResponse(error, request, log);
    }
  };
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    const response = await respond(request, context, logger().child({ requestId }));
    response.headers.set("x-request-id", requestId);
    metrics().apiResponses.inc({ status: String(response.status) });
    return response;
  };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}
