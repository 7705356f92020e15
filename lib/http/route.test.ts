import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { HttpError } from "./problem";
import { apiRoute, json } from "./route";

const context = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

describe("apiRoute", () => {
  const route = apiRoute(
    {
      auth: "public",
      query: z.object({ n: z.coerce.number().int().max(10).optional() }).strict(),
      params: z.object({ id: z.string().regex(/^\d+$/, "must be digits") }).strict(),
    },
    async ({ query, params }) => {
      if (params.id === "404") throw new HttpError(404, "No such thing.", { slug: "not-found" });
      if (params.id === "500") throw new Error("SELECT * FROM secrets failed at db.ts:12");
      return json({ id: params.id, n: query.n ?? null });
    },
  );

  it("passes parsed query and params to the handler", async () => {
    const response = await route(new Request("http://x/t/1?n=3"), context({ id: "1" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "1", n: 3 });
  });

  it("answers 400 problem+json naming every wrong field", async () => {
    const response = await route(new Request("http://x/t/a?n=99&extra=1"), context({ id: "a" }));
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

  it("renders an HttpError with its own status", async () => {
    const response = await route(new Request("http://x/t/404"), context({ id: "404" }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, detail: "No such thing." });
  });

  it("hides the internals of an unexpected error behind a generic 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await route(new Request("http://x/t/500"), context({ id: "500" }));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toContain("SELECT");
    expect(text).not.toContain("db.ts");
    expect(log).toHaveBeenCalled();
  });
});
