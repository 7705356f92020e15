/**
 * The one wrapper every API route handler goes through. It authenticates the caller (session or
 * bearer key) against the route's access rule, parses path params, query string and JSON body
 * with zod, runs the handler, and turns every failure into problem+json:
 * 401/403 from the access check, validation -> 400 naming each field, HttpError -> its status,
 * anything else -> 500 with no internals (logged on the server, never sent).
 */
import { z, type ZodType } from "zod";

import { authorize, type AccessRule, type Principal } from "./access";
import { DEFAULT_BODY_LIMIT_BYTES, readJsonBody } from "./body";
import { metrics } from "../observability/metrics";
import { isDatabaseUnavailable } from "./database-errors";
import { HttpError, problemResponse, type FieldError } from "./problem";

const DATABASE_RETRY_AFTER_SECONDS = 5;

type RawParams = Record<string, string | string[] | undefined>;

export interface RouteContext {
  params: Promise<RawParams>;
}

export interface RouteSpec<Q extends ZodType, P extends ZodType, B extends ZodType> {
  /** Who may call: an access rule, or "public" for the few endpoints anyone may call. */
  auth: AccessRule | "public";
  query?: Q;
  params?: P;
  /** A JSON body, read up to `bodyLimitBytes` (64 KiB by default). */
  body?: B;
  bodyLimitBytes?: number;
}

export interface HandlerInput<Q, P, B> {
  request: Request;
  /** Undefined only on public routes. */
  principal: Principal | undefined;
  query: Q;
  params: P;
  body: B;
}

function fieldErrors(location: string, error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const at = [location, ...issue.path.map(String)].join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: `${at}.${key}`, message: "unknown parameter" }));
    }
    return [{ field: at, message: issue.message }];
  });
}

/** Query strings arrive as strings; a parameter given twice is ambiguous and rejected. */
function queryObject(url: URL): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    result[key] = values.length === 1 ? values[0]! : values;
  }
  return result;
}

function parse<T extends ZodType>(schema: T | undefined, location: string, value: unknown) {
  if (!schema) return undefined as z.infer<T>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const what = { query: "query parameter", params: "path", body: "body" }[location] ?? location;
    throw new HttpError(400, `Invalid ${what}.`, {
      slug: "invalid-request",
      errors: fieldErrors(location, parsed.error),
    });
  }
  return parsed.data;
}

export function apiRoute<
  Q extends ZodType = ZodType,
  P extends ZodType = ZodType,
  B extends ZodType = ZodType,
>(
  spec: RouteSpec<Q, P, B>,
  handler: (input: HandlerInput<z.infer<Q>, z.infer<P>, z.infer<B>>) => Promise<Response>,
) {
  const respond = async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const principal = spec.auth === "public" ? undefined : await authorize(request, spec.auth);
      const query = parse(spec.query, "query", queryObject(new URL(request.url)));
      const params = parse(spec.params, "params", await context.params);
      const body = spec.body
        ? parse(
            spec.body,
            "body",
            await readJsonBody(request, spec.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES),
          )
        : (undefined as z.infer<B>);
      return await handler({ request, principal, query, params, body });
    } catch (error) {
      if (error instanceof HttpError) {
        return problemResponse(error.status, error.detail, error.options);
      }
      if ((error as { code?: unknown })?.code === "P2002") {
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
      console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      return problemResponse(500, "The server could not complete the request.", {
        slug: "internal",
      });
    }
  };
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const response = await respond(request, context);
    metrics().apiResponses.inc({ status: String(response.status) });
    return response;
  };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}
