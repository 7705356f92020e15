/**
 * Every mutating endpoint, called by every kind of principal, against a real database and the
 * real Better Auth: who gets 2xx, 401 and 403.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { call, ORIGIN, signInCookie, startAppDatabase, type Caller } from "@/test/support/app";
import type { ScratchDatabase } from "@/test/support/database";

let database: ScratchDatabase;
let callers: Record<string, Caller>;
let routes: {
  projects: typeof import("@/app/api/v1/projects/route");
  project: typeof import("@/app/api/v1/projects/[slug]/route");
  keys: typeof import("@/app/api/v1/projects/[slug]/keys/route");
  revoke: typeof import("@/app/api/v1/keys/[id]/revoke/route");
  users: typeof import("@/app/api/v1/users/route");
  user: typeof import("@/app/api/v1/users/[id]/route");
  codes: typeof import("@/app/api/v1/codes/route");
};
let ids: { victimUser: string; keyToRevoke: () => Promise<string> };

const PASSWORD = "correct horse battery";

beforeAll(async () => {
  database = await startAppDatabase();
  const { getDb } = await import("@/lib/db/server");
  const { getAuth } = await import("@/lib/auth/server");
  const { createUser } = await import("@/lib/users/service");
  const { createProject, createApiKey, revokeApiKey } = await import("@/lib/projects/repository");
  const { seedCatalog } = await import("@/lib/catalog/repository");
  const db = await getDb();
  const auth = await getAuth();
  await seedCatalog(db);
  for (const role of ["admin", "ops", "support"] as const) {
    await createUser(db, auth, { email: `${role}@example.com`, role, password: PASSWORD });
  }
  const victim = await createUser(db, auth, {
    email: "victim@example.com",
    role: "support",
    password: PASSWORD,
  });
  await createProject(db, { slug: "fleet" });
  const ingest = await createApiKey(db, { projectSlug: "fleet", scopes: ["ingest"] });
  const read = await createApiKey(db, { projectSlug: "fleet", scopes: ["read"] });
  const revoked = await createApiKey(db, { projectSlug: "fleet", scopes: ["ingest", "read"] });
  await revokeApiKey(db, revoked.id);

  const session = async (role: string) => ({
    name: role,
    headers: { cookie: await signInCookie(`${role}@example.com`, PASSWORD), origin: ORIGIN },
  });
  const bearer = (name: string, key: string) => ({
    name,
    headers: { authorization: `Bearer ${key}` },
  });
  callers = {
    none: { name: "no auth", headers: {} },
    support: await session("support"),
    ops: await session("ops"),
    admin: await session("admin"),
    ingestKey: bearer("ingest key", ingest.key),
    readKey: bearer("read key", read.key),
    revokedKey: bearer("revoked key", revoked.key),
  };
  ids = {
    victimUser: victim.id,
    keyToRevoke: async () =>
      (await createApiKey(db, { projectSlug: "fleet", scopes: ["read"] })).id,
  };
  routes = {
    projects: await import("@/app/api/v1/projects/route"),
    project: await import("@/app/api/v1/projects/[slug]/route"),
    keys: await import("@/app/api/v1/projects/[slug]/keys/route"),
    revoke: await import("@/app/api/v1/keys/[id]/revoke/route"),
    users: await import("@/app/api/v1/users/route"),
    user: await import("@/app/api/v1/users/[id]/route"),
    codes: await import("@/app/api/v1/codes/route"),
  };
});

afterAll(async () => {
  const { getDb } = await import("@/lib/db/server");
  await (await getDb()).$disconnect();
  await database?.drop();
});

/** Expected status class per principal for admin-only mutations. */
const ADMIN_ONLY = {
  none: 401,
  support: 403,
  ops: 403,
  admin: "2xx",
  ingestKey: 403,
  readKey: 403,
  revokedKey: 401,
};

let counter = 0;
const mutations: { name: string; run: (caller: Caller) => Promise<Response> }[] = [
  {
    name: "POST /api/v1/projects",
    run: (caller) =>
      call(routes.projects.POST, {
        path: "/api/v1/projects",
        method: "POST",
        caller,
        json: { slug: `p-${++counter}` },
      }),
  },
  {
    name: "PATCH /api/v1/projects/{slug}",
    run: (caller) =>
      call(routes.project.PATCH, {
        path: "/api/v1/projects/fleet",
        method: "PATCH",
        caller,
        params: { slug: "fleet" },
        json: { timeZone: counter++ % 2 ? "Asia/Shanghai" : "Europe/Berlin" },
      }),
  },
  {
    name: "POST /api/v1/projects/{slug}/keys",
    run: (caller) =>
      call(routes.keys.POST, {
        path: "/api/v1/projects/fleet/keys",
        method: "POST",
        caller,
        params: { slug: "fleet" },
        json: { scopes: ["ingest"] },
      }),
  },
  {
    name: "POST /api/v1/keys/{id}/revoke",
    run: async (caller) => {
      const id = await ids.keyToRevoke();
      return call(routes.revoke.POST, {
        path: `/api/v1/keys/${id}/revoke`,
        method: "POST",
        caller,
        params: { id },
      });
    },
  },
  {
    name: "POST /api/v1/users",
    run: (caller) =>
      call(routes.users.POST, {
        path: "/api/v1/users",
        method: "POST",
        caller,
        json: { email: `new-${++counter}@example.com`, role: "support", password: PASSWORD },
      }),
  },
  {
    name: "PATCH /api/v1/users/{id}",
    run: (caller) =>
      call(routes.user.PATCH, {
        path: `/api/v1/users/${ids.victimUser}`,
        method: "PATCH",
        caller,
        params: { id: ids.victimUser },
        json: { role: counter++ % 2 ? "ops" : "support" },
      }),
  },
];

describe.each(mutations)("$name", ({ run }) => {
  it.each(Object.entries(ADMIN_ONLY))("answers %s with %s", async (who, expected) => {
    const response = await run(callers[who]!);
    if (expected === "2xx") {
      expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
    } else {
      expect(response.status).toBe(expected);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});

describe("GET /api/v1/codes (read)", () => {
  const expected = {
    none: 401,
    support: 200,
    ops: 200,
    admin: 200,
    ingestKey: 403,
    readKey: 200,
    revokedKey: 401,
  };
  it.each(Object.entries(expected))("answers %s with %s", async (who, status) => {
    const response = await call(routes.codes.GET, {
      path: "/api/v1/codes?q=50502",
      caller: callers[who],
    });
    expect(response.status).toBe(status);
  });
});

describe("cross-site protection", () => {
  it("refuses a cookie-authenticated mutation without an Origin header", async () => {
    const headers = { ...callers.admin!.headers };
    delete headers.origin;
    const response = await call(routes.projects.POST, {
      path: "/api/v1/projects",
      method: "POST",
      caller: { name: "admin, no origin", headers },
      json: { slug: "no-origin" },
    });
    expect(response.status).toBe(403);
  });

  it("refuses a cookie-authenticated mutation from another site", async () => {
    const response = await call(routes.projects.POST, {
      path: "/api/v1/projects",
      method: "POST",
      caller: {
        name: "admin, foreign",
        headers: { ...callers.admin!.headers, origin: "https://evil.example" },
      },
      json: { slug: "foreign-origin" },
    });
    expect(response.status).toBe(403);
  });
});

describe("disabling a user", () => {
  it("ends their sessions at once", async () => {
    const cookie = await signInCookie("victim@example.com", PASSWORD, "198.51.100.20");
    const victim = { name: "victim", headers: { cookie, origin: ORIGIN } };
    expect((await call(routes.codes.GET, { path: "/api/v1/codes", caller: victim })).status).toBe(
      200,
    );
    const disable = await call(routes.user.PATCH, {
      path: `/api/v1/users/${ids.victimUser}`,
      method: "PATCH",
      caller: callers.admin,
      params: { id: ids.victimUser },
      json: { disabled: true },
    });
    expect(disable.status).toBe(200);
    expect((await disable.json()).disabled).toBe(true);
    expect((await call(routes.codes.GET, { path: "/api/v1/codes", caller: victim })).status).toBe(
      401,
    );
  });
});

describe("project settings", () => {
  it("keeps an admin's time zone and language, and names a zone that does not exist", async () => {
    const changed = await call(routes.project.PATCH, {
      path: "/api/v1/projects/fleet",
      method: "PATCH",
      caller: callers.admin,
      params: { slug: "fleet" },
      json: { timeZone: "America/New_York", language: "en" },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ timeZone: "America/New_York", language: "en" });
    const list = await call(routes.projects.GET, {
      path: "/api/v1/projects",
      caller: callers.readKey,
    });
    expect((await list.json()).projects[0]).toMatchObject({
      slug: "fleet",
      timeZone: "America/New_York",
      language: "en",
    });
    const wrong = await call(routes.project.PATCH, {
      path: "/api/v1/projects/fleet",
      method: "PATCH",
      caller: callers.admin,
      params: { slug: "fleet" },
      json: { timeZone: "Mars/Olympus", language: "fr" },
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "body.language",
      "body.timeZone",
    ]);
    const missing = await call(routes.project.PATCH, {
      path: "/api/v1/projects/nope",
      method: "PATCH",
      caller: callers.admin,
      params: { slug: "nope" },
      json: { language: "zh" },
    });
    expect(missing.status).toBe(404);
  });
});
