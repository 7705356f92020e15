import { defineConfig, devices } from "@playwright/test";

import { CHROMIUM_ARGS } from "./e2e/support/browser";

/**
 * The fresh-clone demo test (e2e-demo/): it starts `npm run demo` itself, so no web server
 * here. Run through `npm run test:demo` (scripts/run-demo-test.ts), which finds the browser.
 */
export default defineConfig({
  testDir: "e2e-demo",
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  use: { locale: "zh-CN", trace: "retain-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        locale: "zh-CN",
        launchOptions: { executablePath: process.env.CW_CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
});
