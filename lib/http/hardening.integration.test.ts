/** Bad requests get clear problem+json answers and never leak internals. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { call, ORIGIN, signInCookie, startAppDatabase, type Caller } from "@/test/support/app";
import type { ScratchDatabase } from "@/test/support/database";

const PASSWORD = "correct horse battery";
let database: ScratchDatabase;
let admin: Caller;
let projects: typeof import("@/app/api/v1/projects/route");

beforeAll(async () => {
  database = await startAppDatabase();
  const { getDb } = await import("@/lib/db/server");
  const { getAuth } = await import("@/lib/auth/server");
  const { createUser } = await import("@/lib/users/service");
  await createUser(await getDb(), await getAuth(), {
    email: "admin@example.com",
    role: "admin",
    password: PASSWORD,
  });
  admin = {
    name: "admin",
    headers: { cookie: await signInCookie("admin@example.com", PASSWORD), origin: ORIGIN },
  };
  projects = await import("@/app/api/v1/projects/route");
});

afterAll(async () => {
  const { getDb } = await import("@/lib/db/server");
  await (await getDb()).$disconnect();
  await database?.drop();
});

async function post(
  body: string,
  contentType = "application/json",
  extra: Record<string, string> = {},
) {
  return projects.POST(
    new Request(`${ORIGIN}/api/v1/projects`, {
      method: "POST",
      headers: { ...admin.headers, "content-type": contentType, ...extra },
      body,
    }),
    { params: Promise.resolve({}) },
  );
}

describe("request hardening", () => {
  it("answers a body over the limit with 413, whatever Content-Length claims", async () => {
    const huge = JSON.stringify({ slug: "x".repeat(70 * 1024) });
    expect((await post(huge)).status).toBe(413);
  });

  it("answers 413 at once when Content-Length announces too much", async () => {
    const response = await post("{}", "application/json", {
      "content-length": String(10 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
  });

  it("answers a body that is not JSON with 415 or 400", async () => {
    expect((await post("slug=a", "application/x-www-form-urlencoded")).status).toBe(415);
    const broken = await post("{not json");
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ type: "urn:codewatch:problem:invalid-body" });
  });

  it("names each wrong body field", async () => {
    const response = await post(JSON.stringify({ slug: "Bad Slug!", extra: 1 }));
    expect(response.status).toBe(400);
    const fields = (await response.json()).errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(["body.extra", "body.slug"]);
  });

  it("answers a duplicate with 409 and leaves the first one as it was", async () => {
    expect((await post(JSON.stringify({ slug: "dup", name: "First" }))).status).toBe(201);
    const again = await post(JSON.stringify({ slug: "dup", name: "Second" }));
    expect(again.status).toBe(409);
    const list = await call(projects.GET, { path: "/api/v1/projects", caller: admin });
    const dup = (await list.json()).projects.find((p: { slug: string }) => p.slug === "dup");
    expect(dup.name).toBe("First");
  });

  it("never answers with a stack trace or SQL, only the problem", async () => {
    for (const [body, type] of [
      ["{", "invalid-body"],
      ['{"slug": 5}', "invalid-request"],
      [`{"slug":"${"a".repeat(100)}"}`, "invalid-request"],
      ['{"__proto__": {"x": 1}}', "invalid-request"],
    ]) {
      const response = await post(body!);
      expect(response.status, body).toBe(400);
      const text = await response.text();
      expect(JSON.parse(text), body).toMatchObject({ type: `urn:codewatch:problem:${type}` });
      expect(text).not.toMatch(/at \w+ \(|\.ts:\d+|SELECT|INSERT|prisma/i);
    }
  });
});

describe("request text that a query would receive", () => {
  const routes = {
    codes: () => import("@/app/api/v1/codes/route"),
    top: () => import("@/app/api/v1/top/route"),
    series: () => import("@/app/api/v1/series/route"),
    breakdown: () => import("@/app/api/v1/breakdown/route"),
  };
  const range = "from=2026-11-30T00:00:00Z&to=2026-11-30T01:00:00Z";

  it.each([
    ["codes", "/api/v1/codes?q=%00", "query.q"],
    ["top", `/api/v1/top?project=p&${range}&appVersion=5.2.1%00`, "query.appVersion"],
    ["series", `/api/v1/series?project=p&${range}&host=a%00b`, "query.host"],
    [
      "breakdown",
      `/api/v1/breakdown?project=p&${range}&code=1&dimension=host&region=%00`,
      "query.region",
    ],
    ["top", `/api/v1/top?project=%00&${range}`, "query.project"],
  ] as const)("%s: %s answers 400 naming %s", async (route, path, field) => {
    const { GET } = await routes[route]();
    const response = await call(GET, { path, caller: admin });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect((await response.json()).errors).toContainEqual({
      field,
      message: expect.stringMatching(/NUL|Unicode/),
    });
  });

  it("reads query bytes that are not UTF-8 as U+FFFD, which match nothing", async () => {
    const { GET } = await routes.codes();
    const response = await call(GET, { path: "/api/v1/codes?q=%ED%A0%80%ff", caller: admin });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ codes: [], total: 0 });
  });

  it("answers 400 naming the field for a NUL or a lone surrogate in a JSON body", async () => {
    const nul = await post(JSON.stringify({ slug: "nul-name", name: "a\u0000b" }));
    expect(nul.status).toBe(400);
    expect((await nul.json()).errors).toEqual([
      { field: "body.name", message: "must not contain NUL characters" },
    ]);
    const surrogate = await post('{"slug": "half-pair", "name": "\\ud800"}');
    expect(surrogate.status).toBe(400);
    expect((await surrogate.json()).errors[0].field).toBe("body.name");
    const list = await call(projects.GET, { path: "/api/v1/projects", caller: admin });
    const slugs = (await list.json()).projects.map((p: { slug: string }) => p.slug);
    expect(slugs).not.toContain("nul-name");
    expect(slugs).not.toContain("half-pair");
  });

  it("answers 400 naming the path parameter for text that cannot be stored in a path", async () => {
    const { GET } = await import("@/app/api/v1/projects/[slug]/keys/route");
    const response = await call(GET, {
      path: "/api/v1/projects/x/keys",
      caller: admin,
      params: { slug: "a\u0000b" },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].field).toBe("params.slug");
  });
});

describe("Better Auth's endpoints", () => {
  const signIn = async (body: string, contentType: string) => {
    const auth = await import("@/app/api/auth/[...all]/route");
    return auth.POST(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          "content-type": contentType,
          origin: ORIGIN,
          "x-forwarded-for": "198.51.100.77",
        },
        body,
      }),
    );
  };

  it("refuse text PostgreSQL cannot store, naming the field, in JSON and in a form", async () => {
    for (const [body, type] of [
      [
        JSON.stringify({ email: "a\u0000b@example.com", password: "not the password" }),
        "application/json",
      ],
      ["email=a%00b%40example.com&password=not+the+password", "application/x-www-form-urlencoded"],
    ]) {
      const response = await signIn(body!, type!);
      expect(response.status, type).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect((await response.json()).errors).toEqual([
        { field: "body.email", message: "must not contain NUL characters" },
      ]);
    }
  });

  it("still answer a wrong password the way their client reads it", async () => {
    const response = await signIn(
      JSON.stringify({ email: "admin@example.com", password: "not the password" }),
      "application/json",
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
  });
});
