/**
 * `npm run test:demo`: the fresh-clone demo test (e2e-demo/demo.spec.ts) in Playwright, with the
 * browser found as for the end-to-end tests. It clones this repository's HEAD, so it tests what
 * is committed.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

import { findChromium, NO_BROWSER_HELP } from "../e2e/support/browser";
import { PROJECT_ROOT } from "../lib/db/migrations";

async function main(): Promise<number> {
  const chromium = await findChromium();
  if (!chromium) {
    console.error(NO_BROWSER_HELP);
    return 1;
  }
  const playwright = createRequire(import.meta.url).resolve("@playwright/test/cli");
  const args = ["test", "--config", "playwright.demo.config.ts", ...process.argv.slice(2)];
  const child = spawn(process.execPath, [playwright, ...args], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...process.env, CW_CHROMIUM_PATH: chromium, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo test: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
