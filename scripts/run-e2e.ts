/**
 * `npm run test:e2e`: prepares a fresh database (migrated and seeded) and a production build,
 * then runs Playwright against `next start`. The database is a new one on DATABASE_URL's
 * PostgreSQL, or an in-memory embedded PGlite when DATABASE_URL is unset; it is dropped after.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

import { seedCatalog } from "../lib/catalog/repository";
import { ensureDemoAccounts } from "./commands/accounts";
import { createPrismaClient } from "../lib/db/client";
import { applyMigrations, PROJECT_ROOT } from "../lib/db/migrations";
import { findChromium, NO_BROWSER_HELP } from "../e2e/support/browser";
import { createScratchDatabase } from "../test/support/database";
import { step } from "./commands/log";
import { ensureBuild } from "./commands/next";

async function main(): Promise<number> {
  const chromium = await findChromium();
  if (!chromium) {
    console.error(NO_BROWSER_HELP);
    return 1;
  }
  step(`e2e: browser ${chromium}`);

  const database = await createScratchDatabase();
  step(`e2e: fresh ${database.kind} database`);
  try {
    await applyMigrations(database.url);
    const db = createPrismaClient(database.url, 2);
    await seedCatalog(db);
    // One user per role, with fresh random passwords handed to the tests (e2e/support/logins.ts).
    const logins = await ensureDemoAccounts(db);
    await db.$disconnect();

    await ensureBuild(step);

    const playwright = createRequire(import.meta.url).resolve("@playwright/test/cli");
    const child = spawn(process.execPath, [playwright, "test", ...process.argv.slice(2)], {
      cwd: PROJECT_ROOT,
      stdio: "inherit",
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        CW_CHROMIUM_PATH: chromium,
        CW_E2E_LOGINS: JSON.stringify(logins),
        // PGlite serves one connection well at a time (lib/db/server.ts).
        ...(database.kind === "embedded" ? { CW_DB_POOL_SIZE: "1" } : {}),
        NEXT_TELEMETRY_DISABLED: "1",
        // The demo inbox, as `npm run demo` has it: on-call's journey reads its page there.
        CW_DEMO_INBOX: "1",
      },
    });
    return await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
  } finally {
    await database.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
