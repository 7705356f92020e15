/**
 * The demo's telemetry: on the first start, two weeks of history through the real HTTP API
 * (with three past incidents: a pairing wave after a release, a broken load-balancer node, a
 * certificate expiry), then a live trickle for as long as the demo runs. It is the `simulate` command in a child process, logging to .data/simulate.log.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

import type { Db } from "../../lib/db/client";
import { getEnv } from "../../lib/env";
import { FLEET_FAILURE } from "../../lib/simulate/scenarios";
import { createTrafficModel, FLEET_UTC_OFFSET_HOURS } from "../../lib/simulate/traffic-model";
import { PROJECT_ROOT } from "../../lib/db/migrations";
import {
  createApiKey,
  getProjectBySlug,
  listApiKeys,
  revokeApiKey,
} from "../../lib/projects/repository";

const KEY_NAME = "demo simulator";
/** Events per second on weekly average: enough to chart, light enough for the embedded database. */
const DEMO_RATE = "0.3";
const HISTORY_DAYS = "14";
/** The live 50502 surge lasts this long; it begins CW_DEMO_SURGE_AFTER_MINUTES after start. */
const SURGE_DURATION = "20m";
/**
 * The live surge's peak, events a minute, at whatever hour the demo starts. At the demo's slow
 * rate a certificate expiry in the fleet's night is a few 50502 a minute, which the detector
 * rightly calls only after several minutes (a code near zero); a visitor should see it paged
 * in a minute or two, as a real fleet's would be.
 */
const SURGE_PEAK_PER_MINUTE = 60;

/** The live surge's scale: its peak at `atMs` is SURGE_PEAK_PER_MINUTE, or its own if more. */
function liveSurgeScale(atMs: number): number {
  const model = createTrafficModel({
    seed: 0,
    rate: Number(DEMO_RATE),
    utcOffsetHours: FLEET_UTC_OFFSET_HOURS,
  });
  const peak = FLEET_FAILURE * model.expectedPerMinute(50502, atMs);
  return Math.max(1, SURGE_PEAK_PER_MINUTE / peak);
}

/**
 * The demo's past incidents at 5× their usual volume: at the demo's slow rate a
 * broken load-balancer node or a pairing wave would otherwise be a few events a minute, too
 * few for the detector to call one surge (measured over 3 seeds: at 5× each is one interval).
 */
const HISTORY_INCIDENT_SCALE = "5";

async function waitForHealth(baseUrl: string): Promise<boolean> {
  for (let i = 0; i < 240; i++) {
    if (
      await fetch(`${baseUrl}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** A fresh ingest key for the demo project; the previous demo keys are revoked. */
async function demoKey(db: Db): Promise<string> {
  for (const key of await listApiKeys(db, "demo")) {
    if (key.name === KEY_NAME && !key.revokedAt) await revokeApiKey(db, key.id);
  }
  return (
    await createApiKey(db, {
      projectSlug: "demo",
      scopes: ["ingest"],
      name: KEY_NAME,
      createdBy: "demo",
    })
  ).key;
}

async function hasHistory(db: Db): Promise<boolean> {
  const project = await getProjectBySlug(db, "demo");
  if (!project) return false;
  const rows = await db.$queryRaw<
    unknown[]
  >`SELECT 1 FROM event WHERE project_id = ${project.id}::uuid LIMIT 1`;
  return rows.length > 0;
}

export async function startDemoTraffic(
  db: Db,
  port: string,
  log: (line: string) => void,
): Promise<ChildProcess | undefined> {
  const key = await demoKey(db);
  const backfill = !(await hasHistory(db));
  const baseUrl = `http://localhost:${port}`;
  if (!(await waitForHealth(baseUrl))) {
    log("demo traffic: the server did not come up; no simulated traffic");
    return undefined;
  }
  const logFile = path.resolve(PROJECT_ROOT, getEnv().CW_DATA_DIR, "simulate.log");
  mkdirSync(path.dirname(logFile), { recursive: true });
  const args = [
    "scripts/cw.ts",
    "simulate",
    "--url",
    baseUrl,
    "--rate",
    DEMO_RATE,
    "--concurrency",
    "1",
  ];
  if (backfill) {
    args.push("--backfill-days", HISTORY_DAYS, "--duration", "30d");
    args.push("--history-scale", HISTORY_INCIDENT_SCALE);
  }
  // The headline case, live: a certificate expires a few minutes from now, on every start.
  const surgeAfterMs = getEnv().CW_DEMO_SURGE_AFTER_MINUTES * 60_000;
  const surgeAt = new Date(Date.now() + surgeAfterMs);
  args.push(
    "--scenario",
    "cert-expiry",
    "--scenario-start",
    surgeAt.toISOString(),
    "--scenario-duration",
    SURGE_DURATION,
    "--scenario-scale",
    liveSurgeScale(surgeAt.getTime()).toFixed(2),
  );
  log(
    backfill
      ? `demo traffic: writing ${HISTORY_DAYS} days of history (with three past incidents: a pairing wave after a release, a load-balancer node, a certificate expiry), then a live trickle; every line in ${logFile}`
      : `demo traffic: live trickle; every line in ${logFile}`,
  );
  log(
    `demo traffic: a 50502 surge (the servers' certificate expires) is scheduled for ` +
      `${surgeAt.toISOString().slice(11, 19)} UTC, in ${surgeAfterMs / 60_000} minutes: ` +
      `watch it on ${baseUrl}/, its incident open on ${baseUrl}/incidents and its ` +
      `notification arrive in ${baseUrl}/demo/inbox`,
  );
  const tsx = path.join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
  const child = spawn(process.execPath, [tsx, ...args], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    // The key in the environment, not among the arguments `ps` shows every user.
    env: { ...process.env, CW_INGEST_KEY: key },
  });
  const file = createWriteStream(logFile, { flags: "a" });
  const progress = historyProgress(log, Date.now());
  for (const stream of [child.stdout, child.stderr]) {
    forwardLines(stream, (line) => {
      file.write(`${line}\n`);
      if (backfill) progress(line);
    });
  }
  child.once("exit", () => file.end());
  return child;
}

/** Every line of a child's output, without its end of line. */
function forwardLines(stream: Readable, onLine: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on("line", onLine);
}

/** Seconds between history progress lines in the main log (the file has every one). */
const PROGRESS_EVERY_MS = 20_000;

/**
 * What the main log says of the history while it loads: a progress line every 20 s (how far
 * the simulated days have got), problems at once, and a line when all of it is in.
 */
function historyProgress(log: (line: string) => void, startedAt: number) {
  let lastAt = 0;
  let done = false;
  return (line: string) => {
    const text = line.replace(/^\[cw[^\]]*\]\s*/, "");
    if (done) return;
    if (text.includes("backfill done")) {
      done = true;
      const seconds = Math.round((Date.now() - startedAt) / 1_000);
      log(
        `demo traffic: the ${HISTORY_DAYS} days of history are in (${seconds} s); live traffic goes on`,
      );
    } else if (/rejected [1-9]|error|failed/i.test(text) && !text.includes("rejected 0")) {
      log(`demo traffic: ${text}`);
    } else if (text.includes("backfill ") && Date.now() - lastAt >= PROGRESS_EVERY_MS) {
      lastAt = Date.now();
      const where = /backfill (\S+) \((\d+)%\)/.exec(text);
      log(
        where ? `demo traffic: history ${where[2]}% (up to ${where[1]})` : `demo traffic: ${text}`,
      );
    }
  };
}
