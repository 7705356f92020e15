/** Running Next.js from the CLI and the test runner, and knowing when a build can be reused. */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { PROJECT_ROOT } from "../../lib/db/migrations";

const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = [
  "next.config.ts",
  "package-lock.json",
  "tsconfig.json",
  "proxy.ts",
  "instrumentation.ts",
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(target, name))),
    stat.mtimeMs,
  );
}

/** A production build is reused only when no source file changed after it was made. */
export function buildIsCurrent(): boolean {
  const buildId = path.join(PROJECT_ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => path.join(PROJECT_ROOT, p));
  return sources.every((p) => newestMtime(p) <= built);
}

export const NEXT_BIN = createRequire(import.meta.url).resolve("next/dist/bin/next");

/**
 * V8 settings for a production server (`next start`; package.json's start script repeats them).
 * Under sustained ingest V8 let the heap grow to ~4× its live size (peak RSS 410–420 MiB): each
 * request leaves ~0.5 MB of large strings (the body, the statement's JSON) that only a full GC
 * frees. A heap limit of 1.5× the live size after each full GC kept peak RSS near 265 MiB at the
 * same ingest rate (docs/performance.md). 32 MB semi-spaces let the objects of the four requests
 * in flight die young instead of being promoted mid-request: the server spent ~13% less CPU per
 * event, for ~305 MiB peak RSS. Not a hard cap: a burst of large requests still gets memory.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=32", "--heap-growing-percent=50"];

/**
 * Runs `next <args>` with inherited output; Ctrl+C reaches it. Resolves with its exit code, or 0
 * when it ended because this process was asked to stop.
 */
export function runNext(args: string[], env: Record<string, string> = {}): Promise<number> {
  const flags = args[0] === "start" ? SERVER_NODE_FLAGS : [];
  const child = spawn(process.execPath, [...flags, NEXT_BIN, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: "inherit",
  });
  // Asked to stop (Ctrl+C, a SIGTERM): however Next.js then exits (130, 143, by the signal),
  // that is the clean end the person asked for, not a failure.
  let stopping = false;
  const forward = (signal: NodeJS.Signals) => {
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(stopping ? 0 : (code ?? (signal ? 0 : 1)));
    }),
  );
}

/** Builds unless the current build is up to date; throws when the build fails. */
export async function ensureBuild(log: (line: string) => void, force = false): Promise<void> {
  if (!force && buildIsCurrent()) {
    log("build: reusing the current .next build");
    return;
  }
  log("build: next build (about a minute on 2 cores; reused until a source file changes)");
  const code = await runNext(["build"]);
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
}
