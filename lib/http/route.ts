/**
 * The one wrapper every API route handler goes through. It parses path params and the query
 * string with zod, runs the handler, and turns every failure into problem+json:
 * validation -> 400 naming each field, HttpError -> its status, anything else -> 500 with no
 * internals (the error is logged on the server, never sent).
 * Authentication and roles are added here, in one place, by the accounts work.
 */
import { z, type ZodType } from "zod";

import { HttpError, problemResponse, type FieldError } from "./problem";

type RawParams = Record<string, string | string[] | undefined>;

export interface RouteContext {
  params: Promise<RawParams>;
}

export interface RouteSpec<Q extends ZodType, P extends ZodType> {
  query?: Q;
  params?: P;
}

export interface HandlerInput<Q, P> {
  request: Request;
  query: Q;
  params: P;
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
    throw new HttpError(400, `Invalid ${location === "query" ? "query parameter" : "path"}.`, {
      slug: "invalid-request",
      errors: fieldErrors(location, parsed.error),
    });
  }
  return parsed.data;
}

export function apiRoute<Q extends ZodType = ZodType, P extends ZodType = ZodType>(
  spec: RouteSpec<Q, P>,
  handler: (input: HandlerInput<z.infer<Q>, z.infer<P>>) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const query = parse(spec.query, "query", queryObject(new URL(request.url)));
      const params = parse(spec.params, "params", await context.params);
      return await handler({ request, query, params });
    } catch (error) {
      if (error instanceof HttpError) {
        return problemResponse(error.status, error.detail, error.options);
      }
      console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      return problemResponse(500, "The server could not complete the request.", {
        slug: "internal",
      });
    }
  };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}
