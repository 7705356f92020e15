import { defineConfig } from "vitest/config";

import { sharedConfig } from "./vitest.shared.ts";

/**
 * Integration tests run against a real database: each test file creates its own scratch
 * database on the PostgreSQL named by DATABASE_URL, or an in-memory embedded PGlite when it is
 * unset (test/support/database.ts).
 */
export default defineConfig({
  ...sharedConfig,
  test: {
    // The server log (lib/log.ts) would drown the report; errors still show.
    env: { CW_LOG_LEVEL: process.env.CW_LOG_LEVEL ?? "error" },
    include: ["{lib,app,scripts,test}/**/*.integration.test.ts"],
    // Every statement the app sends keeps the distribution-key rule (test/support/statements.ts).
    setupFiles: ["test/support/statement-check.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own database; two at a time keeps two cores busy without thrashing.
    maxWorkers: 2,
  },
});
