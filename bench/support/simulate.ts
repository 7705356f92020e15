/**
 * Filling a bench database through the real HTTP API with the simulator (`cw simulate
 * --backfill-days`): the same telemetry, incidents included, that the demo shows.
 */
import { spawn } from "node:child_process";
import path from "node:path";

import { PROJECT_ROOT } from "../../lib/db/migrations";
import { step } from "../../scripts/commands/log";

/** Sends `events` spread over `days` days to `server`; resolves with the seconds it took. */
export async function backfill(
  server: string,
  ingestKey: string,
  options: { events: number; days: number; databaseUrl: string },
): Promise<number> {
  const rate = options.events / (options.days * 86_400);
  step(`bench: simulator backfill, ${options.days} days at ${rate.toFixed(2)} events/s on average`);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx"),
      [
        "scripts/cw.ts",
        "simulate",
        ...["--url", server, "--backfill-days", String(options.days)],
        ...["--rate", rate.toFixed(4), "--seed", "20261126", "--batch-size", "2000"],
        ...["--concurrency", "4"],
      ],
      {
        cwd: PROJECT_ROOT,
        stdio: ["ignore", "inherit", "inherit"],
        // The key in the environment, not on a command line `ps` shows.
        env: { ...process.env, DATABASE_URL: options.databaseUrl, CW_INGEST_KEY: ingestKey },
      },
    );
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`simulate exited with ${code}`)),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  step(`bench: backfill took ${seconds.toFixed(0)} s`);
  return seconds;
}
