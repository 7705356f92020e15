/**
 * The alerting API against a real database and the real Better Auth: who may read incidents,
 * acknowledge and resolve them, manage rules and silences (ops, admin) and channels (admin),
 * what a key of another project reaches, bad input answered with the field, secrets never
 * returned, and `cw channels add --secret-stdin` run as a real process.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { call, ORIGIN, signInCookie, startAppDatabase, type Caller } from "@/test/support/app";
import type { ScratchDatabase } from "@/test/support/database";

const PASSWORD = "correct horse battery";
let database: ScratchDatabase;
let callers: Record<string, Caller>;
let projectId: string;
let routes: {
  incidents: typeof import("@/app/api/v1/incidents/route");
  incident: typeof import("@/app/api/v1/incidents/[id]/route");
  acknowledge: typeof import("@/app/api/v1/incidents/[id]/acknowledge/route");
  resolve: typeof import("@/app/api/v1/incidents/[id]/resolve/route");
  rules: typeof import("@/app/api/v1/rules/route");
  rule: typeof import("@/app/api/v1/rules/[id]/route");
  silences: typeof import("@/app/api/v1/silences/route");
  silence: typeof import("@/app/api/v1/silences/[id]/route");
  channels: typeof import("@/app/api/v1/channels/route");
  channel: typeof import("@/app/api/v1/channels/[id]/route");
};

/** Opens an incident of the fleet's built-in 50502 rule (as the evaluation would). */
async function openOne(code = 50502): Promise<string> {
  const { getDb } = await import("@/lib/db/server");
  const { openIncident } = await import("@/lib/alerts/incidents");
  const db = await getDb();
  const rule = (await db.alertRule.findFirst({ where: { projectId, builtin: "50502-surge" } }))!;
  const now = Date.now();
  const id = await openIncident(
    db,
    {
      projectId,
      rule,
      code,
      retrospective: false,
      startedAt: new Date(now - 120_000),
      baselinePerMinute: 1.5,
      peakPerMinute: 90,
      peakAt: new Date(now - 60_000),
      events: 170,
      devices: 150,
      openingVerdict: "provisional",
      diagnosis: null,
    },
    now,
  );
  return id!;
}

beforeAll(async () => {
  database = await startAppDatabase();
  const { getDb } = await import("@/lib/db/server");
  const { getAuth } = await import("@/lib/auth/server");
  const { createUser } = await import("@/lib/users/service");
  const { createProject, createApiKey } = await import("@/lib/projects/repository");
  const { seedCatalog } = await import("@/lib/catalog/repository");
  const db = await getDb();
  await seedCatalog(db);
  for (const role of ["admin", "ops", "support"] as const) {
    await createUser(db, await getAuth(), {
      email: `${role}@example.com`,
      role,
      password: PASSWORD,
    });
  }
  projectId = (await createProject(db, { slug: "fleet" })).id;
  await createProject(db, { slug: "other" });
  const read = await createApiKey(db, { projectSlug: "fleet", scopes: ["read"] });
  const otherRead = await createApiKey(db, { projectSlug: "other", scopes: ["read"] });
  const session = async (role: string, index: number) => ({
    name: role,
    headers: {
      cookie: await signInCookie(`${role}@example.com`, PASSWORD, `198.51.100.${30 + index}`),
      origin: ORIGIN,
    },
  });
  const bearer = (name: string, key: string) => ({
    name,
    headers: { authorization: `Bearer ${key}` },
  });
  callers = {
    none: { name: "no auth", headers: {} },
    support: await session("support", 0),
    ops: await session("ops", 1),
    admin: await session("admin", 2),
    readKey: bearer("read key", read.key),
    otherKey: bearer("other project's read key", otherRead.key),
  };
  routes = {
    incidents: await import("@/app/api/v1/incidents/route"),
    incident: await import("@/app/api/v1/incidents/[id]/route"),
    acknowledge: await import("@/app/api/v1/incidents/[id]/acknowledge/route"),
    resolve: await import("@/app/api/v1/incidents/[id]/resolve/route"),
    rules: await import("@/app/api/v1/rules/route"),
    rule: await import("@/app/api/v1/rules/[id]/route"),
    silences: await import("@/app/api/v1/silences/route"),
    silence: await import("@/app/api/v1/silences/[id]/route"),
    channels: await import("@/app/api/v1/channels/route"),
    channel: await import("@/app/api/v1/channels/[id]/route"),
  };
}, 120_000);

afterAll(async () => {
  const { getDb } = await import("@/lib/db/server");
  await (await getDb()).$disconnect();
  await database?.drop();
});

const OPERATE = { none: 401, support: 403, ops: "2xx", admin: "2xx", readKey: 403 };
const ADMIN_ONLY = { none: 401, support: 403, ops: 403, admin: "2xx", readKey: 403 };
const READ = { none: 401, support: 200, ops: 200, admin: 200, readKey: 200, otherKey: 404 };

async function expectStatus(response: Response, expected: number | string) {
  if (expected === "2xx") {
    expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
  } else {
    expect(response.status).toBe(expected);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  }
}

let counter = 0;
const mutations: {
  name: string;
  who: Record<string, number | string>;
  run: (caller: Caller) => Promise<Response>;
}[] = [
  {
    name: "POST /api/v1/incidents/{id}/acknowledge",
    who: OPERATE,
    run: async (caller) => {
      const id = await openOne(1_000 + ++counter);
      return call(routes.acknowledge.POST, {
        path: `/api/v1/incidents/${id}/acknowledge`,
        method: "POST",
        caller,
        params: { id },
      });
    },
  },
  {
    name: "POST /api/v1/incidents/{id}/resolve",
    who: OPERATE,
    run: async (caller) => {
      const id = await openOne(1_000 + ++counter);
      return call(routes.resolve.POST, {
        path: `/api/v1/incidents/${id}/resolve`,
        method: "POST",
        caller,
        params: { id },
      });
    },
  },
  {
    name: "POST /api/v1/rules",
    who: OPERATE,
    run: (caller) =>
      call(routes.rules.POST, {
        path: "/api/v1/rules",
        method: "POST",
        caller,
        json: {
          project: "fleet",
          kind: "anomaly",
          name: `pairing ${++counter}`,
          family: "pairing",
        },
      }),
  },
  {
    name: "POST /api/v1/silences",
    who: OPERATE,
    run: (caller) =>
      call(routes.silences.POST, {
        path: "/api/v1/silences",
        method: "POST",
        caller,
        json: {
          project: "fleet",
          code: 50502,
          comment: "rotation",
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        },
      }),
  },
  {
    name: "POST /api/v1/channels",
    who: ADMIN_ONLY,
    run: (caller) =>
      call(routes.channels.POST, {
        path: "/api/v1/channels",
        method: "POST",
        caller,
        json: {
          project: "fleet",
          name: `hook ${++counter}`,
          type: "webhook",
          url: "https://hooks.example.com/x",
          secret: "s",
        },
      }),
  },
];

describe.each(mutations)("$name", ({ who, run }) => {
  it.each(Object.entries(who))("answers %s with %s", async (name, expected) => {
    await expectStatus(await run(callers[name]!), expected);
  });
});

describe("reading incidents", () => {
  it.each(Object.entries(READ))(
    "GET /api/v1/incidents/{id} answers %s with %s",
    async (name, expected) => {
      const id = await openOne(2_000 + ++counter);
      const response = await call(routes.incident.GET, {
        path: `/api/v1/incidents/${id}`,
        caller: callers[name],
        params: { id },
      });
      expect(response.status).toBe(expected);
    },
  );

  it("lists open incidents of a project, newest first, with their timeline on the detail", async () => {
    const id = await openOne(50502);
    const list = await call(routes.incidents.GET, {
      path: "/api/v1/incidents?project=fleet&status=open",
      caller: callers.support,
    });
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.incidents[0]).toMatchObject({
      id,
      code: 50502,
      status: "open",
      project: "fleet",
      devices: 150,
    });
    expect(body.incidents.every((i: { status: string }) => i.status !== "resolved")).toBe(true);
    // A key of another project sees none of them.
    const other = await call(routes.incidents.GET, {
      path: "/api/v1/incidents",
      caller: callers.otherKey,
    });
    expect((await other.json()).incidents).toEqual([]);

    const ack = await call(routes.acknowledge.POST, {
      path: `/api/v1/incidents/${id}/acknowledge`,
      method: "POST",
      caller: callers.ops,
      params: { id },
    });
    expect((await ack.json()).acknowledgedBy).toBe("ops@example.com");
    const resolved = await call(routes.resolve.POST, {
      path: `/api/v1/incidents/${id}/resolve`,
      method: "POST",
      caller: callers.admin,
      params: { id },
    });
    const detail = await resolved.json();
    expect(detail).toMatchObject({ status: "resolved", resolvedBy: "admin@example.com" });
    // (A silence of 50502 made above holds its notifications back: a "silenced" line each.)
    const kinds = detail.timeline
      .map((e: { kind: string }) => e.kind)
      .filter((k: string) => k !== "silenced");
    expect(kinds).toEqual(["opened", "acknowledged", "resolved"]);
    // Acknowledging a resolved incident is a conflict, not a silent success.
    const late = await call(routes.acknowledge.POST, {
      path: `/api/v1/incidents/${id}/acknowledge`,
      method: "POST",
      caller: callers.ops,
      params: { id },
    });
    expect(late.status).toBe(409);
  });

  it("answers a malformed id with the field, and an unknown one with 404", async () => {
    const bad = await call(routes.incident.GET, {
      path: "/api/v1/incidents/nope",
      caller: callers.support,
      params: { id: "nope" },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("id");
    const id = "00000000-0000-4000-8000-000000000000";
    const unknown = await call(routes.incident.GET, {
      path: `/api/v1/incidents/${id}`,
      caller: callers.support,
      params: { id },
    });
    expect(unknown.status).toBe(404);
  });
});

describe("rules", () => {
  it("every project starts with the built-in 50502 surge and new-code rules, which cannot be deleted", async () => {
    const response = await call(routes.rules.GET, {
      path: "/api/v1/rules?project=fleet",
      caller: callers.support,
    });
    const { rules } = await response.json();
    const builtin = rules.filter((r: { builtin: string | null }) => r.builtin);
    expect(builtin.map((r: { builtin: string }) => r.builtin)).toEqual(["50502-surge", "new-code"]);
    expect(builtin[0]).toMatchObject({
      code: 50502,
      kind: "anomaly",
      enabled: true,
      minDevices: 10,
    });
    const id = builtin[0].id;
    const del = await call(routes.rule.DELETE, {
      path: `/api/v1/rules/${id}`,
      method: "DELETE",
      caller: callers.ops,
      params: { id },
    });
    expect(del.status).toBe(409);
    const off = await call(routes.rule.PATCH, {
      path: `/api/v1/rules/${id}`,
      method: "PATCH",
      caller: callers.ops,
      params: { id },
      json: { enabled: false, cooldownMinutes: 30 },
    });
    expect(await off.json()).toMatchObject({ enabled: false, cooldownMinutes: 30 });
  });

  it("names the field a threshold rule is missing", async () => {
    const response = await call(routes.rules.POST, {
      path: "/api/v1/rules",
      method: "POST",
      caller: callers.ops,
      json: { project: "fleet", kind: "threshold", name: "too many 1006", code: 1006 },
    });
    expect(response.status).toBe(400);
    const problem = JSON.stringify(await response.json());
    expect(problem).toContain("metric");
    expect(problem).toContain("threshold");
  });
});

describe("silences", () => {
  it("names a rule that does not exist rather than failing", async () => {
    const response = await call(routes.silences.POST, {
      path: "/api/v1/silences",
      method: "POST",
      caller: callers.ops,
      json: {
        project: "fleet",
        ruleId: "00000000-0000-4000-8000-000000000000",
        comment: "typo",
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("body.ruleId");
  });
});

describe("rule input", () => {
  it("refuses a rule on both a code and a family", async () => {
    const response = await call(routes.rules.POST, {
      path: "/api/v1/rules",
      method: "POST",
      caller: callers.ops,
      json: { project: "fleet", kind: "anomaly", name: "both", code: 1006, family: "pairing" },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("family");
  });
});

describe("channels", () => {
  it("stores the URL and secret encrypted and never returns them", async () => {
    const created = await call(routes.channels.POST, {
      path: "/api/v1/channels",
      method: "POST",
      caller: callers.admin,
      json: {
        name: "dingtalk",
        type: "dingtalk",
        url: "https://oapi.dingtalk.com/robot/send?access_token=tok3n-value-123",
        secret: "SEC-very-secret",
      },
    });
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(text).not.toContain("tok3n-value-123");
    expect(text).not.toContain("SEC-very-secret");
    expect(JSON.parse(text)).toMatchObject({
      project: null,
      hasSecret: true,
      url: "https://oapi.dingtalk.com/robot/send?access_token=…",
    });
    const { getDb } = await import("@/lib/db/server");
    const stored = await (await getDb()).channel.findUnique({ where: { id: JSON.parse(text).id } });
    expect(stored!.urlEncrypted).not.toContain("tok3n");
    expect(stored!.secretEncrypted).not.toContain("SEC-very");
    const bad = await call(routes.channels.POST, {
      path: "/api/v1/channels",
      method: "POST",
      caller: callers.admin,
      json: { name: "x", type: "pager", url: "ftp://x" },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("type");
  });

  it("`cw channels add --secret-stdin` keeps the secret off the command line", async () => {
    const run = promisify(execFile);
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
      const child = execFile(
        "npx",
        [
          "tsx",
          "scripts/cw.ts",
          "channels",
          "add",
          "--project",
          "fleet",
          "--type",
          "feishu",
          "--url",
          "https://open.feishu.cn/open-apis/bot/v2/hook/abc-123-hook",
          "--secret-stdin",
        ],
        { env: { ...process.env, DATABASE_URL: database.url } },
        (error, out) => (error ? reject(error) : resolve({ stdout: out })),
      );
      child.stdin!.end("feishu-signing-secret\n");
    });
    const id = stdout.trim();
    const { getDb } = await import("@/lib/db/server");
    const { channelTarget } = await import("@/lib/alerts/channels");
    const db = await getDb();
    const stored = (await db.channel.findUnique({ where: { id } }))!;
    expect(stored.type).toBe("feishu");
    expect(await channelTarget(db, stored)).toMatchObject({
      secret: "feishu-signing-secret",
      url: "https://open.feishu.cn/open-apis/bot/v2/hook/abc-123-hook",
    });
    // A wrong type is refused with the reason and a non-zero exit.
    await expect(
      run(
        "npx",
        [
          "tsx",
          "scripts/cw.ts",
          "channels",
          "add",
          "--type",
          "pager",
          "--url",
          "https://x.example",
        ],
        { env: { ...process.env, DATABASE_URL: database.url } },
      ),
    ).rejects.toMatchObject({ code: 1 });
  }, 60_000);
});
