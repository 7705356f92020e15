import { defineConfig } from "vitest/config";

import { sharedConfig } from "./vitest.shared.ts";

export default defineConfig({
  ...sharedConfig,
  test: {
    // The server log (lib/log.ts) would drown the report; errors still show.
    env: { CW_LOG_LEVEL: process.env.CW_LOG_LEVEL ?? "error" },
    include: ["{lib,components,scripts,app,test}/**/*.test.{ts,tsx}", "proxy.test.ts"],
    exclude: ["**/*.integration.test.ts", "node_modules/**"],
  },
});
