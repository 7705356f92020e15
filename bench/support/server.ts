/**
 * What the HTTP benchmarks share: a database of their own on the local PostgreSQL, the
 * production server (`next start`) pointed at it, and latency statistics.
 */
import { spawn, type ChildProcess } from "node:child_process";

import pg from "pg";

import { seedCatalog } from "../../lib/catalog/repository";
import { createPrismaClient, type Db } from "../../lib/db/client";
import { applyMigrations, PROJECT_ROOT } from "../../lib/db/migrations";
import { step } from "../../scripts/commands/log";
import { ensureBuild, NEXT_BIN, SERVER_NODE_FLAGS } from "../../scripts/commands/next";

export const ADMIN_URL =
  process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** The URL of database `name` on the server of ADMIN_URL. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates database `name` unless it exists; says whether it was created. */
export async function createDatabase(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.rowCount) return false;
    await admin.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Database `name` ready for a benchmark: created unless it exists (a kept one is reused), migrated
 * and its catalogue seeded. Returns its URL and a Prisma client of 2 connections.
 */
export async function preparedDatabase(name: string): Promise<{ url: string; db: Db }> {
  const created = await createDatabase(name);
  const url = databaseUrl(name);
  step(`bench: database ${name}${created ? " (new)" : " (reused)"}`);
  await applyMigrations(url);
  const db = createPrismaClient(url, 2);
  await seedCatalog(db);
  return { url, db };
}

/** A throwaway database for one benchmark run, dropped afterwards whatever happens. */
export async function withScratchDatabase<T>(
  prefix: string,
  work: (url: string, name: string) => Promise<T>,
): Promise<T> {
  const name = `${prefix}_${Date.now()}`;
  await createDatabase(name);
  try {
    return await work(databaseUrl(name), name);
  } finally {
    await dropDatabase(name);
  }
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not start");
}

export interface BenchServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `next start` (building first if needed) on `port`, against `databaseUrl`, with the production
 * server's V8 flags (and `nodeArgs`, e.g. --cpu-prof).
 */
export async function startServer(
  databaseUrlForServer: string,
  port: number,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<BenchServer> {
  await ensureBuild(step);
  const argv = [...SERVER_NODE_FLAGS, ...nodeArgs, NEXT_BIN, "start", "-p", String(port)];
  const child = spawn(process.execPath, argv, {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrlForServer,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForServer(url);
  return {
    url,
    process: child,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    },
  };
}

/**
 * Runs a benchmark's `main` and exits: 0 when it finished, 1 with its message on stderr when it
 * threw (the server and any pools it left open would otherwise keep the process alive).
 */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
