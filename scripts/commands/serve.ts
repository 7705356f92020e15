/**
 * `demo` and `dev`: the zero-setup start. Resolve the database (embedded PGlite unless
 * DATABASE_URL is set), migrate, seed, then serve the dashboard with Next.js and feed it
 * simulated telemetry (scripts/commands/demo-traffic.ts), with its incidents notifying the demo
 * inbox (lib/demo). This process owns
 * the embedded database server; the Next.js process finds it through .data/pglite.json.
 */
import type { Command } from "commander";

import { redactUrl, resolveDatabase } from "../../lib/db/connection";
import { createPrismaClient } from "../../lib/db/client";
import { ensureDemoAlerting } from "../../lib/demo/setup";
import { ensureDemoAccounts } from "./accounts";
import { startDemoTraffic } from "./demo-traffic";
import { migrate, seed } from "./database";
import { step } from "./log";
import { ensureBuild, runNext } from "./next";

interface ServeOptions {
  port: string;
  rebuild?: boolean;
  /** Simulated telemetry (history on the first start, then live); --no-traffic turns it off. */
  traffic: boolean;
}

async function serve(mode: "demo" | "dev", options: ServeOptions) {
  step(`${mode}: starting codewatch`);
  const target = await resolveDatabase(step);
  step(
    target.kind === "embedded"
      ? "database: embedded PGlite (set DATABASE_URL to use a real PostgreSQL)"
      : `database: ${redactUrl(target.url)}`,
  );
  try {
    await migrate(target.url);
    await seed(target.url);
    const db = createPrismaClient(target.url, 2);
    const logins = await ensureDemoAccounts(db);
    const baseUrl = `http://localhost:${options.port}`;
    // Incidents of the demo project notify the built-in inbox, through a real signed webhook.
    await ensureDemoAlerting(db, baseUrl);
    if (mode === "demo") await ensureBuild(step, options.rebuild);
    step(`serve: dashboard on ${baseUrl} (Ctrl+C stops)`);
    step(`serve: alert notifications arrive, signed, in the demo inbox: ${baseUrl}/demo/inbox`);
    step("demo logins (new passwords on every start):");
    for (const login of logins) step(`  ${login.role.padEnd(8)} ${login.email}  ${login.password}`);
    const server = runNext([mode === "demo" ? "start" : "dev", "-p", options.port], {
      CW_DEMO_INBOX: "1",
    });
    const traffic = options.traffic ? await startDemoTraffic(db, options.port, step) : undefined;
    await db.$disconnect();
    const code = await server;
    traffic?.kill("SIGTERM");
    if (code !== 0) throw new Error(`next exited with code ${code}`);
  } finally {
    await target.embedded?.stop();
  }
}

export function registerServeCommands(program: Command): void {
  program
    .command("demo")
    .description("start everything with no setup: database, migrations, catalogue, dashboard")
    .option("-p, --port <port>", "HTTP port", process.env.PORT ?? "3000")
    .option("--rebuild", "run next build even when the current build is up to date")
    .option("--no-traffic", "no simulated telemetry")
    .action((options: ServeOptions) => serve("demo", options));

  program
    .command("dev")
    .description("like demo, with Next.js in development mode (hot reload)")
    .option("-p, --port <port>", "HTTP port", process.env.PORT ?? "3000")
    .option("--no-traffic", "no simulated telemetry")
    .action((options: ServeOptions) => serve("dev", options));
}
