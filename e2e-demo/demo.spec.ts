/**
 * The newcomer's first ten minutes, from a fresh clone of this repository on a machine with no
 * database: `npm ci && npm run demo` serves the dashboard with its two weeks of history within
 * 3 minutes of the end of `npm ci`; the history's past incidents are recorded; the scheduled
 * 50502 surge opens an incident whose notification arrives, signature verified, in the demo
 * inbox; Ctrl+C stops everything; a second start keeps the data and does not backfill again.
 * Run by `npm run test:demo` (scripts/run-demo-test.ts), its own step of .ci/run: ~12 minutes.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { DemoProcess } from "./demo-process";

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.CW_DEMO_TEST_PORT ?? 3400);
const BASE = `http://localhost:${PORT}`;
const MINUTE = 60_000;
/** The promise: the dashboard with its history within 3 minutes of the end of npm ci. */
const HISTORY_BUDGET_MS = 3 * MINUTE;

/** A fresh machine's environment: no database, none of this run's own settings. */
function freshEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name === "DATABASE_URL" || name === "PORT" || name.startsWith("CW_")) delete env[name];
  }
  // Any free port for the embedded database: another one may run on this machine.
  env.CW_EMBEDDED_DB_PORT = "0";
  // The surge 3 minutes after start, not a visitor's 5: the history is in by then (68–110 s
  // here), and CI keeps within its 25 minutes.
  env.CW_DEMO_SURGE_AFTER_MINUTES = "3";
  return env;
}

async function signIn(page: Page, demo: DemoProcess, role: "ops" | "admin") {
  const { email, password } = await demo.password(role);
  const response = await page.request.post(`${BASE}/api/auth/sign-in/email`, {
    data: { email, password },
    headers: { origin: BASE },
  });
  expect(response.status()).toBe(200);
}

/** Every event of the demo project between two instants, as the statistics API counts them. */
async function eventsBetween(page: Page, fromMs: number, toMs: number): Promise<number> {
  const query = new URLSearchParams({
    project: "demo",
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
  });
  const response = await page.request.get(`${BASE}/api/v1/top?${query}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

/** The processes whose working directory is in `dir` (Linux: /proc/<pid>/cwd), as "pid args". */
async function processesIn(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir("/proc")).filter((name) => /^\d+$/.test(name))) {
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => "");
    if (cwd === dir || cwd.startsWith(`${dir}/`)) {
      const args = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
      found.push(`${pid} ${args.replaceAll("\0", " ").trim()}`);
    }
  }
  return found;
}

/**
 * Ctrl+C ends everything cleanly: npm passes the interrupt on (its own end is the signal's, as
 * in a terminal), codewatch prints no error, the port is closed and no process of the clone
 * is left behind (the server, the simulator, the embedded database).
 */
async function expectCleanStop(process: DemoProcess) {
  const { code, signal } = await process.interrupt();
  expect(code === 0 || signal === "SIGINT", `exit ${code}, signal ${signal}`).toBe(true);
  expect(process.lines.filter((l) => /^cw: /.test(l.text))).toEqual([]);
  // npm may end before its children have: they get the same Ctrl+C and have 20 s to finish.
  await expect.poll(() => processesIn(clone), { timeout: 20_000 }).toEqual([]);
  expect(await fetch(`${BASE}/api/health`).catch(() => undefined)).toBeUndefined();
}

test.describe.configure({ mode: "serial" });

let clone: string;
let npmCiEndMs: number;
let demo: DemoProcess | undefined;
/** A window of the history no live event can fall into, counted before the stop. */
let history: { fromMs: number; toMs: number; events: number };

test.beforeAll(async () => {
  test.setTimeout(10 * MINUTE);
  clone = await mkdtemp(path.join(tmpdir(), "codewatch-demo-"));
  execFileSync("git", ["clone", "--quiet", ROOT, clone]);
  const started = Date.now();
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: clone, stdio: "inherit" });
  npmCiEndMs = Date.now();
  console.log(`npm ci in the fresh clone: ${((npmCiEndMs - started) / 1000).toFixed(0)} s`);
});

test.afterAll(async () => {
  // Removing the clone (669 packages, a .next build, the embedded database's files) took more
  // than the default 30 s once in CI, while the embedded database's integration tests kept both
  // cores busy: the tests had passed and the hook failed the run.
  test.setTimeout(3 * MINUTE);
  demo?.kill();
  if (clone) await rm(clone, { recursive: true, force: true, maxRetries: 3 });
});

test("serves the dashboard with two weeks of history within 3 minutes of npm ci", async ({
  page,
}) => {
  test.setTimeout(HISTORY_BUDGET_MS + MINUTE);
  demo = new DemoProcess(clone, ["--port", String(PORT)], freshEnv());
  await demo.line(/serve: dashboard on/, HISTORY_BUDGET_MS);
  const done = await demo.line(/days of history are in/, HISTORY_BUDGET_MS);
  const seconds = (done.atMs - npmCiEndMs) / 1000;
  console.log(`history in ${seconds.toFixed(0)} s after the end of npm ci`);
  expect(done.atMs - npmCiEndMs).toBeLessThanOrEqual(HISTORY_BUDGET_MS);

  // No secret on a process command line: every user of the machine can read those.
  const commandLines = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
  expect(commandLines).not.toMatch(/cw_[A-Za-z0-9_-]{20,}/);

  await signIn(page, demo, "ops");
  await page.goto(`${BASE}/?project=demo&range=7d`);
  await expect(page.getByRole("heading", { level: 1, name: "概览" })).toBeVisible();
  const top = page.getByRole("table", { name: "错误码排行" });
  await expect(top.getByRole("row")).not.toHaveCount(1, { timeout: 30_000 });
  await expect(top.getByRole("link", { name: "50502" })).toBeVisible();
  history = {
    fromMs: done.atMs - 15 * 24 * 60 * MINUTE,
    toMs: done.atMs - 10 * MINUTE,
    events: await eventsBetween(page, done.atMs - 15 * 24 * 60 * MINUTE, done.atMs - 10 * MINUTE),
  };
  expect(history.events).toBeGreaterThan(50_000);
});

test("records the history's past incidents: a pairing wave, a load-balancer node, a certificate expiry", async ({
  page,
}) => {
  // The detector judges the history, then the alert cycle's look back (every 5 min) finds them.
  test.setTimeout(10 * MINUTE);
  await signIn(page, demo!, "ops");
  await page.goto(`${BASE}/incidents?project=demo&status=resolved`);
  const incidents = page.getByRole("article");
  await expect(incidents.filter({ hasText: "1006" }).first()).toBeVisible({ timeout: 9 * MINUTE });
  await expect(incidents.filter({ hasText: "50502" })).toHaveCount(2, { timeout: 2 * MINUTE });
  await expect(incidents.filter({ hasText: "50502" }).first()).toContainText("事后补记");
  // Its page says why nobody was paged.
  await incidents.filter({ hasText: "50502" }).first().getByRole("link").first().click();
  const notifications = page.getByRole("region", { name: "通知", exact: true });
  await expect(notifications).toContainText("这是从历史数据事后补记的，不通知任何人");
});

test("the scheduled surge opens an incident, and its notification arrives in the demo inbox", async ({
  page,
}) => {
  const scheduled = await demo!.line(/scheduled for (\d\d:\d\d:\d\d) UTC/, MINUTE);
  const [hh, mm, ss] = /(\d\d):(\d\d):(\d\d) UTC/.exec(scheduled.text)!.slice(1).map(Number);
  const now = new Date();
  const surgeMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hh, mm, ss);
  test.setTimeout(Math.max(0, surgeMs - Date.now()) + 6 * MINUTE);

  await signIn(page, demo!, "ops");
  await page.goto(`${BASE}/demo/inbox`);
  const message = page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: /50502/ }) })
    .filter({ hasText: "事件单已打开" })
    .first();
  await expect(message).toBeVisible({ timeout: Math.max(0, surgeMs - Date.now()) + 5 * MINUTE });
  console.log(
    `inbox message ${((Date.now() - surgeMs) / 1000).toFixed(0)} s after the surge began`,
  );
  await expect(message).toContainText("签名已验证");
  await expect(message.getByRole("heading")).toContainText("服务器证书可能已过期");

  await message.getByRole("link", { name: /打开事件单/ }).click();
  await expect(page).toHaveURL(/\/incidents\/[\w-]+$/);
  const diagnosis = page.getByRole("region", { name: "可能原因", exact: true });
  await expect(diagnosis.getByRole("listitem").first()).toContainText("服务器证书可能已过期");
});

test("Ctrl+C stops everything; a second start keeps the data and does not backfill again", async ({
  page,
}) => {
  test.setTimeout(5 * MINUTE);
  const first = demo!;
  const stoppedAt = Date.now();
  await expectCleanStop(first);
  console.log(`stopped in ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s`);

  demo = new DemoProcess(clone, ["--port", String(PORT)], freshEnv());
  await demo.line(/demo traffic: live trickle/, 3 * MINUTE);
  expect(demo.lines.some((l) => /days of history/.test(l.text))).toBe(false);
  await signIn(page, demo, "ops");
  expect(await eventsBetween(page, history.fromMs, history.toMs)).toBe(history.events);
  await expectCleanStop(demo);
});
