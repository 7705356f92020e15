/**
 * The demo's telemetry: on the first start, two weeks of history (with a past 50502
 * certificate-expiry incident) through the real HTTP API, then a live trickle for as long as
 * the demo runs. It is the `simulate` command in a child process, logging to .data/simulate.log.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";

import type { Db } from "../../lib/db/client";
import { getEnv } from "../../lib/env";
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
  const out = openSync(logFile, "a");
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
  if (backfill) args.push("--backfill-days", HISTORY_DAYS, "--duration", "30d");
  log(
    backfill
      ? `demo traffic: writing ${HISTORY_DAYS} days of history (with a past 50502 incident), then a live trickle; progress in ${logFile}`
      : `demo traffic: live trickle; progress in ${logFile}`,
  );
  const tsx = path.join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
  return spawn(process.execPath, [tsx, ...args], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", out, out],
    // The key in the environment, not among the arguments `ps` shows every user.
    env: { ...process.env, CW_INGEST_KEY: key },
  });
}
