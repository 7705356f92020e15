/**
 * Finds a Chromium for Playwright. Playwright's own browser download needs internet, which CI
 * here does not have, so the order is: an explicit path, a system Chromium or Chrome,
 * Playwright's own download. Returns undefined when there is none.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Flags for Chromium here: root on a closed network, so no sandbox and no background calls to
 * Google's hosts. Shared by Playwright's config and bench:dashboard.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const SYSTEM_BROWSERS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

function onPath(command: string): string | undefined {
  try {
    const found = execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

export async function findChromium(): Promise<string | undefined> {
  const explicit = process.env.CW_CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CW_CHROMIUM_PATH=${explicit} does not exist`);
    return explicit;
  }
  for (const name of SYSTEM_BROWSERS) {
    const found = onPath(name);
    if (found) return found;
  }
  const { chromium } = await import("@playwright/test");
  const bundled = chromium.executablePath();
  return existsSync(bundled) ? bundled : undefined;
}

export const NO_BROWSER_HELP = [
  "No Chromium found for the end-to-end tests. Any one of these fixes it:",
  "  - Debian/Ubuntu: apt-get install -y chromium",
  "  - with internet: npx playwright install chromium",
  "  - or point at a Chrome/Chromium binary: CW_CHROMIUM_PATH=/path/to/chrome npm test",
].join("\n");
