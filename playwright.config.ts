import { defineConfig, devices } from "@playwright/test";

import { CHROMIUM_ARGS } from "./e2e/support/browser";
import { storageStateOf } from "./e2e/support/logins";

/**
 * Run through `npm run test:e2e` (scripts/run-e2e.ts), which prepares the database and the
 * build and sets DATABASE_URL and CW_CHROMIUM_PATH.
 */
const port = Number(process.env.CW_E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  timeout: 30_000,
  // Two browsers and the server share two cores: an answer can take a few seconds (the default
  // of 5 s failed a journey whose page was still loading its list).
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "zh-CN",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        locale: "zh-CN",
        // Tests run as support unless they say otherwise (test.use({ storageState: ... })).
        storageState: storageStateOf("support"),
        launchOptions: {
          executablePath: process.env.CW_CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: {
    // With production's V8 flags (SERVER_NODE_FLAGS in scripts/commands/next.ts, package.json's
    // start): the memory a test measures is the memory a deployment uses.
    command: [
      ...["node", "--max-semi-space-size=32", "--heap-growing-percent=50"],
      ...["node_modules/next/dist/bin/next", "start", "-p", String(port)],
    ].join(" "),
    url: `http://127.0.0.1:${port}/codes`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
