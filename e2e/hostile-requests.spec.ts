/**
 * Thousands of seeded hostile requests at every route of the production server (`next start`),
 * over real HTTP: never a 5xx, every 4xx of the API in problem+json, the server still answering
 * afterwards, its memory bounded. Against the real server because some failures exist only in
 * Next.js's own request handling (path decoding, routing), before any route code runs.
 * A failure names its seed and index; `CW_FUZZ_SEED=<seed>` replays a run.
 */
import { readFileSync } from "node:fs";
import net from "node:net";

import { expect, test, type APIRequestContext } from "@playwright/test";

import {
  fuzzRequest,
  type Credential,
  type FuzzRequest,
  type FuzzTargets,
  type HostileHttpRequest,
} from "./support/hostile-routes";
import { storageStateOf } from "./support/logins";

const SEED = Number(process.env.CW_FUZZ_SEED ?? 20261130);
/** `CW_FUZZ_REQUESTS` makes a longer soak of the same kinds. */
const REQUESTS = Number(process.env.CW_FUZZ_REQUESTS ?? 5_000);
const CONCURRENCY = 6;
/** Resident memory may grow this much over the run (bodies are capped at 64 KiB or 5 MiB). */
const MEMORY_GROWTH_LIMIT = 300 * 1024 * 1024;
/** prom-client's process metric under lib/observability/metrics.ts's prefix. */
const RESIDENT_MEMORY = "codewatch_process_resident_memory_bytes";

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

interface Secrets {
  origin: string;
  host: string;
  port: number;
  cookie: string;
  keys: Partial<Record<Credential, string>>;
}

type Contexts = Record<"session" | "anonymous", APIRequestContext>;

/** Fills in the placeholders of hostile-routes.ts. */
function fill(text: string, s: Secrets): string {
  return text
    .replaceAll("$READ", s.keys["read-key"]!)
    .replaceAll("$INGEST", s.keys["ingest-key"]!)
    .replaceAll("$COOKIE", s.cookie)
    .replaceAll("$ORIGIN", s.origin)
    .replaceAll("$HOST", s.host);
}

function cookieHeader(): string {
  const state = JSON.parse(readFileSync(storageStateOf("admin"), "utf8")) as {
    cookies: { name: string; value: string }[];
  };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

async function sendHttp(r: HostileHttpRequest, s: Secrets, contexts: Contexts): Promise<Answer> {
  const session = r.credential.startsWith("session");
  const headers: Record<string, string> = {};
  const key = s.keys[r.credential];
  if (key) headers.authorization = `Bearer ${key}`;
  if (r.credential === "session" && !["GET", "HEAD"].includes(r.method)) headers.origin = s.origin;
  for (const [name, value] of Object.entries(r.headers)) headers[name] = fill(value, s);
  const response = await contexts[session ? "session" : "anonymous"].fetch(r.url, {
    method: r.method,
    headers,
    data: ["GET", "HEAD"].includes(r.method) ? undefined : r.body,
    maxRedirects: 0,
    timeout: 30_000,
  });
  const body = await response.body();
  return {
    status: response.status(),
    contentType: response.headers()["content-type"] ?? "",
    body: body.subarray(0, 300).toString("utf8"),
  };
}

/** Writes the bytes and reads until the server closes; status 0 if it never answered. */
function sendRaw(port: number, raw: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    // A server that waits for body bytes a lying request never sends is right to wait.
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", () => {});
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const body = rest.join("\r\n\r\n");
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0),
        contentType: /^content-type:\s*(.*)$/im.exec(head)?.[1] ?? "",
        // Chunked, an empty body is its last chunk alone.
        body:
          /^transfer-encoding:\s*chunked/im.test(head) && body === "0\r\n\r\n"
            ? ""
            : body.slice(0, 300),
      });
    });
    // Not end(): a half-closed socket reads as a client that went away, and is not answered.
    socket.write(raw);
  });
}

const BETTER_AUTH_ENDPOINTS = [
  "/api/auth/sign-in/email",
  "/api/auth/sign-out",
  "/api/auth/get-session",
];

/** Sends a request; an answer of status -1 is one that never came (the error in its body). */
async function send(r: FuzzRequest, s: Secrets, contexts: Contexts): Promise<Answer> {
  try {
    if ("url" in r) return await sendHttp(r, s, contexts);
    return await sendRaw(s.port, Buffer.from(fill(r.raw.toString("latin1"), s), "latin1"));
  } catch (error) {
    return { status: -1, contentType: "", body: String(error).split("\n")[0]! };
  }
}

/** What is wrong with an answer, or undefined. */
function complaint(path: string, answer: Answer): string | undefined {
  if (answer.status === -1) return "no answer";
  if (answer.status >= 500) return "server error";
  if (answer.status < 400 || !/^\/api(\/|$)/.test(path)) return undefined;
  if (answer.contentType.startsWith("application/problem+json")) return undefined;
  // Better Auth answers its own endpoints in the JSON shape its client reads.
  if (BETTER_AUTH_ENDPOINTS.includes(path) && answer.contentType.startsWith("application/json"))
    return undefined;
  if (!answer.contentType && !answer.body) {
    // Node's HTTP parser refuses a malformed request before Next.js sees it: nothing of ours ran.
    if ([400, 431].includes(answer.status)) return undefined;
  }
  return "a 4xx that is not problem+json";
}

function pathOf(r: FuzzRequest): string {
  if ("url" in r) return r.url.split("?")[0]!;
  const target = /^\S+ (\S+)/.exec(r.raw.toString("latin1"))?.[1] ?? "";
  return target.startsWith("/") ? target.split("?")[0]! : "";
}

function show(r: FuzzRequest): string {
  const clip = (text: string) =>
    text.length > 300 ? `${text.slice(0, 300)}…(${text.length})` : text;
  if (!("url" in r)) return clip(JSON.stringify(r.raw.toString("latin1")));
  const headers = Object.keys(r.headers).length ? ` ${clip(JSON.stringify(r.headers))}` : "";
  const body = r.body ? ` body ${clip(JSON.stringify(r.body.toString("latin1")))}` : "";
  return `${r.method} ${clip(r.url)} as ${r.credential}${headers}${body}`;
}

async function residentMemory(request: APIRequestContext): Promise<number> {
  const text = await (await request.get("/metrics")).text();
  const line = text.split("\n").find((l) => l.startsWith(`${RESIDENT_MEMORY} `));
  const bytes = Number(line?.split(" ")[1]);
  expect(bytes, `${RESIDENT_MEMORY} in /metrics`).toBeGreaterThan(0);
  return bytes;
}

/** The run's own project, keys and throwaway users, made through the admin API. */
async function prepare(
  admin: APIRequestContext,
  origin: string,
): Promise<{ targets: FuzzTargets; keys: Secrets["keys"] }> {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  const write = { headers: { origin } };
  const project = `fuzz-${run}`;
  expect(
    (await admin.post("/api/v1/projects", { data: { slug: project }, ...write })).status(),
  ).toBe(201);
  const createKey = async (scopes: string[]) => {
    const response = await admin.post(`/api/v1/projects/${project}/keys`, {
      data: { name: `fuzz-${run}`, scopes },
      ...write,
    });
    expect(response.status()).toBe(201);
    return (await response.json()) as { id: string; key: string };
  };
  const read = await createKey(["read"]);
  const ingest = await createKey(["ingest"]);
  const revocable = await Promise.all([createKey(["read"]), createKey(["ingest"])]);
  const revoked = revocable[0]!;
  expect((await admin.post(`/api/v1/keys/${revoked.id}/revoke`, write)).status()).toBe(200);
  const userIds: string[] = [];
  for (const role of ["support", "ops"]) {
    const response = await admin.post("/api/v1/users", {
      data: { email: `fuzz-${run}-${role}@example.com`, role, password: "fuzz-password-1234" },
      ...write,
    });
    expect(response.status()).toBe(201);
    userIds.push(((await response.json()) as { id: string }).id);
  }
  return {
    targets: {
      run,
      project,
      revocableKeyIds: revocable.map((k) => k.id),
      userIds,
      now: Date.now(),
    },
    keys: { "read-key": read.key, "ingest-key": ingest.key, "revoked-key": revoked.key },
  };
}

/** The run's time, memory samples and outcomes (per status, per kind of route and status). */
function report(seconds: number, memory: number[], outcomes: Map<string, number>): void {
  const byStatus = new Map<string, number>();
  for (const [label, n] of outcomes) {
    const status = label.split(" ")[1]!;
    byStatus.set(status, (byStatus.get(status) ?? 0) + n);
  }
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  const sorted = (map: Map<string, number>) => JSON.stringify(Object.fromEntries([...map].sort()));
  console.info(
    `hostile requests: ${REQUESTS} in ${seconds.toFixed(1)} s, seed ${SEED}; ` +
      `resident memory every 500 requests: ${memory.map(mib).join(", ")}\n` +
      `by status: ${sorted(byStatus)}\nby route and status: ${sorted(outcomes)}`,
  );
}

// A trace of thousands of requests would cost more than the requests; failures name them.
test.use({ trace: "off" });

test.describe("every route under hostile requests", () => {
  test.use({ storageState: storageStateOf("admin") });

  test(`answers ${REQUESTS} seeded hostile requests without a 5xx, within bounded memory`, async ({
    request,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(60_000 + REQUESTS * 20);
    const origin = new URL(baseURL!).origin;
    const anonymous = await playwright.request.newContext({
      baseURL,
      storageState: { cookies: [], origins: [] },
    });
    const { targets, keys } = await prepare(request, origin);
    const secrets: Secrets = {
      origin,
      host: new URL(origin).host,
      port: Number(new URL(origin).port),
      cookie: cookieHeader(),
      keys,
    };
    const memory = [await residentMemory(anonymous)];
    const outcomes = new Map<string, number>();
    const failures: string[] = [];
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let index = next++; index < REQUESTS; index = next++) {
          const r = fuzzRequest(SEED, index, targets);
          const answer = await send(r, secrets, { session: request, anonymous });
          const label = `${r.kind.split(" ")[0]} ${answer.status}`;
          outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
          const wrong = complaint(pathOf(r), answer);
          if (wrong) {
            failures.push(
              `seed ${SEED} #${index} [${r.kind}] ${wrong}: ${show(r)} -> ${answer.status} ` +
                `${answer.contentType} ${JSON.stringify(answer.body.slice(0, 200))}`,
            );
          }
          if (index % 500 === 499) memory.push(await residentMemory(anonymous));
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    memory.push(await residentMemory(anonymous));
    report(seconds, memory, outcomes);

    expect(
      failures,
      `${failures.length} wrong answers:\n${failures.slice(0, 40).join("\n")}`,
    ).toEqual([]);
    // Still up and still right.
    expect((await anonymous.get("/api/health")).status()).toBe(200);
    expect((await request.get("/api/v1/codes/50502")).status()).toBe(200);
    const withKey = { headers: { authorization: `Bearer ${keys["read-key"]}` } };
    const query = new URLSearchParams({
      project: targets.project,
      codes: "50502",
      from: new Date(targets.now - 3_600_000).toISOString(),
      to: new Date(targets.now).toISOString(),
      interval: "5m",
    });
    const series = await anonymous.get(`/api/v1/series?${query}`, withKey);
    expect(series.status()).toBe(200);
    expect(Math.max(...memory) - memory[0]!).toBeLessThan(MEMORY_GROWTH_LIMIT);
    await anonymous.dispose();
  });
});

test.describe("request targets Next.js cannot parse", () => {
  // Next.js 16.4's router (router-server.js -> parse-url.js) calls `new URL("*")` on an
  // asterisk-form target, which Node's HTTP parser lets through, and answers a plain-text 500
  // before proxy.ts or any route runs. Not fixable in our code (reported): expected to fail
  // until Next.js, or a reverse proxy in front of it, refuses such targets; then Playwright
  // reports the unexpected pass and this becomes a plain test.
  test.fail("an asterisk-form target (OPTIONS *) gets no 5xx", async ({ baseURL }) => {
    const { host, port } = new URL(baseURL!);
    const statuses: Record<string, number> = {};
    for (const line of ["OPTIONS * HTTP/1.1", "GET * HTTP/1.1", "GET */api/v1/codes HTTP/1.1"]) {
      const raw = Buffer.from(`${line}\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      statuses[line] = (await sendRaw(Number(port), raw)).status;
    }
    expect(
      Object.values(statuses).every((s) => s < 500),
      JSON.stringify(statuses),
    ).toBe(true);
  });
});
