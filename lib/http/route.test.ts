import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  TooLargeError,
  UnauthenticatedError,
  UnavailableError,
  UnsupportedError,
} from "../errors";
import { logger } from "../log";
import { apiRoute, json } from "./route";

const context = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

const THROWN: Record<string, () => Error> = {
  "not-found": () => new NotFoundError("No such thing."),
  conflict: () => new ConflictError("Taken."),
  invalid: () => new InvalidInputError("Bad.", [{ field: "body.x", message: "wrong" }]),
  "too-large": () => new TooLargeError("Too big."),
  unsupported: () => new UnsupportedError("Not that."),
  unauthenticated: () => new UnauthenticatedError("Who?"),
  forbidden: () => new ForbiddenError("No."),
  "rate-limited": () => new RateLimitedError("Slow down.", 7),
  unavailable: () => new UnavailableError("Later.", 5),
  "pg-nul": () => Object.assign(new Error("invalid byte sequence"), { code: "22021" }),
  internal: () => new Error("SELECT * FROM secrets failed at db.ts:12"),
};

describe("apiRoute", () => {
  const route = apiRoute(
    {
      auth: "public",
      query: z
        .object({ n: z.coerce.number().int().max(10).optional(), q: z.string().optional() })
        .strict(),
      params: z.object({ id: z.string().regex(/^[a-z\d-]+$/, "must be a slug") }).strict(),
    },
    async ({ query, params }) => {
      const thrown = THROWN[params.id];
      if (thrown) throw thrown();
      return json({ id: params.id, n: query.n ?? null });
    },
  );
  const call = (path: string, id: string, headers: Record<string, string> = {}) =>
    route(new Request(`http://x/t/${path}`, { headers }), context({ id }));

  it("passes parsed query and params to the handler", async () => {
    const response = await call("1?n=3", "1");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "1", n: 3 });
  });

  it("answers 400 problem+json naming every wrong query field", async () => {
    const response = await call("1?n=99&extra=1", "1");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const body = await response.json();
    expect(body).toMatchObject({
      status: 400,
      title: "Bad Request",
      type: "urn:codewatch:problem:invalid-request",
    });
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "query.extra",
      "query.n",
    ]);
  });

  it("answers 400 naming a wrong path parameter", async () => {
    const response = await call("A", "A");
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([
      { field: "params.id", message: "must be a slug" },
    ]);
  });

  it("answers 400 naming a query or path value the database could not store", async () => {
    const nul = await call("1?q=a%00b", "1");
    expect(nul.status).toBe(400);
    expect((await nul.json()).errors).toEqual([
      { field: "query.q", message: "must not contain NUL characters" },
    ]);
    const surrogate = await route(new Request("http://x/t/x"), context({ id: "\ud800" }));
    expect(surrogate.status).toBe(400);
    expect((await surrogate.json()).errors[0].field).toBe("params.id");
  });

  it.each([
    ["not-found", 404, "not-found"],
    ["conflict", 409, "conflict"],
    ["invalid", 400, "invalid-request"],
    ["too-large", 413, "body-too-large"],
    ["unsupported", 415, "unsupported-media-type"],
    ["unauthenticated", 401, "unauthenticated"],
    ["forbidden", 403, "forbidden"],
    ["rate-limited", 429, "rate-limited"],
    ["unavailable", 503, "unavailable"],
    ["pg-nul", 400, "invalid-request"],
  ])("maps %s to %i problem+json", async (id, status, slug) => {
    const response = await call(id, id);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status, type: `urn:codewatch:problem:${slug}` });
  });

  it("sends Retry-After with 429 and 503, and a Bearer challenge with 401", async () => {
    expect((await call("rate-limited", "rate-limited")).headers.get("retry-after")).toBe("7");
    expect((await call("unavailable", "unavailable")).headers.get("retry-after")).toBe("5");
    expect(
      (await call("unauthenticated", "unauthenticated")).headers.get("www-authenticate"),
    ).toMatch(/^Bearer /);
  });

  it("hides the internals of an unexpected error behind a generic 500, logged with the request id", async () => {
    const log = vi.spyOn(logger(), "child");
    const errors: unknown[] = [];
    log.mockImplementation(
      () => ({ error: (...args: unknown[]) => errors.push(args), warn() {} }) as never,
    );
    try {
      const response = await call("internal", "internal", { "x-request-id": "req-42" });
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(text).not.toContain("SELECT");
      expect(text).not.toContain("db.ts");
      expect(response.headers.get("x-request-id")).toBe("req-42");
      expect(log).toHaveBeenCalledWith({ requestId: "req-42" });
      expect(errors).toHaveLength(1);
    } finally {
      log.mockRestore();
    }
  });

  it("gives every response a request id, its own when the client's is not sane", async () => {
    const response = await call("1", "1", { "x-request-id": "bad id\twith tab" });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
