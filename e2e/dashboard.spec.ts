/**
 * The ops dashboard against the real server, with a project the simulator filled (two days of
 * history with its past 50502 certificate expiry): the overview shades the spike, a surge sent
 * while the page is open shows in "spiking now" without a reload, 50502's page breaks it down,
 * the view lives in the URL, both languages and themes pass axe. Screenshots of the pages during
 * the surge go to docs/screenshots/ (README).
 */
import { spawnSync } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";

import { expect, test, type APIRequestContext } from "@playwright/test";

import { seriousViolations } from "./support/axe";
import { storageStateOf } from "./support/logins";

const ROOT = path.join(import.meta.dirname, "..");
const SCREENSHOTS = path.join(ROOT, "docs", "screenshots");
const MINUTE = 60_000;

test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateOf("ops") });

let project: string;
let ingestKey: string;

/** An API request context of the admin, for setting up the project. */
async function asAdmin(
  playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
  baseURL: string,
) {
  return playwright.request.newContext({
    baseURL,
    storageState: storageStateOf("admin"),
    extraHTTPHeaders: { origin: baseURL },
  });
}

/** Events of a 50502 surge over the last three minutes, ~200 a minute from every host. */
function surge(nowMs: number) {
  const hosts = ["a1.smartlife.example", "a2.smartlife.example", "m1.smartlife.example"];
  return Array.from({ length: 600 }, (_, i) => ({
    code: 50502,
    timestamp: nowMs - 170_000 + i * 280,
    host: hosts[i % hosts.length],
    apiLevel: 24 + (i % 10),
    appVersion: "5.3.0",
    exception: "javax.net.ssl.SSLHandshakeException",
    message: "Chain validation failed: certificate expired",
  }));
}

test.beforeAll(async ({ playwright, baseURL }) => {
  test.setTimeout(180_000);
  const admin = await asAdmin(playwright, baseURL!);
  project = `dash-${Date.now().toString(36)}`;
  expect((await admin.post("/api/v1/projects", { data: { slug: project } })).status()).toBe(201);
  const created = await admin.post(`/api/v1/projects/${project}/keys`, {
    data: { scopes: ["ingest"], name: "e2e simulator" },
  });
  expect(created.status()).toBe(201);
  ingestKey = ((await created.json()) as { key: string }).key;
  await admin.dispose();
  // Two days of history by the simulator, with its past 50502 certificate expiry.
  const simulated = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
      path.join(ROOT, "scripts", "cw.ts"),
      "simulate",
      "--url",
      baseURL!,
      "--backfill-days",
      "2",
      "--rate",
      "0.4",
      "--seed",
      "20261130",
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 150_000,
      // The key travels in the environment, not on the command line (ps shows arguments).
      env: { ...process.env, CW_INGEST_KEY: ingestKey },
      input: "",
    },
  );
  expect(simulated.status, simulated.stderr.slice(-2000)).toBe(0);
});

test("the overview shades the past 50502 spike and lists the top codes", async ({ page }) => {
  await page.goto(`/?project=${project}&range=7d`);
  await expect(page.getByRole("heading", { level: 1, name: "概览" })).toBeVisible();
  const chart = page.getByRole("figure", { name: /错误码趋势/ });
  // The spike's shading is labelled with its code.
  await expect(chart.locator(".recharts-reference-area").first()).toBeVisible({ timeout: 30_000 });
  await expect(chart.getByText("50502", { exact: false }).first()).toBeVisible();
  await expect(page.getByText(/此范围内 \d+ 次突增/)).toBeVisible();
  const top = page.getByRole("table", { name: "错误码排行" });
  await expect(top.getByRole("row")).not.toHaveCount(1);
  await expect(top.getByRole("link", { name: "50502" })).toBeVisible();
});

test("a surge sent while the overview is open shows in spiking now without a reload", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await page.goto(`/?project=${project}&range=1h`);
  const strip = page.getByRole("region", { name: "正在突增" });
  await expect(strip).toBeVisible();
  await expect(strip.getByRole("link", { name: /^50502/ })).toHaveCount(0);
  const device = await playwright.request.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { authorization: `Bearer ${ingestKey}` },
  });
  const sent = await device.post("/api/v1/events", { data: { events: surge(Date.now()) } });
  expect(sent.status()).toBe(202);
  await device.dispose();
  // The page refreshes by itself (every 20 s): no reload here.
  const card = strip.getByRole("link", { name: /^50502/ });
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(card).toContainText("暂定");
  // With its likely cause, from the surge's events against the day before.
  await expect(card).toContainText("可能原因：服务器证书可能已过期", { timeout: 30_000 });

  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, "overview-light.png"), fullPage: true });

  await card.click();
  await expect(page).toHaveURL(new RegExp(`/codes/50502\\?project=${project}&range=1h`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("50502");
  // On its own page too, named as the catalogue names it.
  const ownCard = page
    .getByRole("region", { name: "正在突增" })
    .getByRole("link", { name: /^50502/ });
  await expect(ownCard).toBeVisible();
  await expect(ownCard).toContainText("SSL 握手失败");
});

test("50502's page names the likely cause of its spike, in Chinese and English", async ({
  page,
  context,
  baseURL,
}) => {
  await page.goto(`/codes/50502?project=${project}&range=1h`);
  const cause = page.getByRole("region", { name: "这次突增的可能原因" });
  await expect(cause.getByRole("listitem").first()).toContainText("服务器证书可能已过期", {
    timeout: 30_000,
  });
  // The evidence: "Certificate expired" from phones whose clock is right, against the baseline.
  await expect(cause).toContainText("时间正确的手机报告“证书已过期”");
  // A clip of the full page: an element screenshot of a panel in the sticky column came out blank.
  const box = (await cause.boundingBox())!;
  const scrollY = await page.evaluate(() => window.scrollY);
  await page.screenshot({
    path: path.join(SCREENSHOTS, "likely-cause-light.png"),
    fullPage: true,
    clip: { ...box, y: box.y + scrollY },
  });
  await context.addCookies([{ name: "cw-locale", value: "en", url: baseURL! }]);
  await page.reload();
  await expect(
    page.getByRole("region", { name: "Likely cause of this spike" }).getByRole("listitem").first(),
  ).toContainText("Server certificate probably expired", { timeout: 30_000 });
});

test("50502's page breaks it down by host and API level against the baseline", async ({ page }) => {
  await page.goto(`/codes/50502?project=${project}&range=6h`);
  const hosts = page.getByRole("region", { name: "主机" });
  await expect(hosts.getByRole("button", { name: "a1.smartlife.example" })).toBeVisible({
    timeout: 30_000,
  });
  // Each value: its share now and its share in the baseline week.
  const row = hosts.getByRole("row", { name: /a1\.smartlife\.example/ });
  await expect(row.getByRole("cell").nth(0)).toHaveText(/\d+(\.\d)?%/);
  await expect(row.getByRole("cell").nth(1)).toHaveText(/\d+(\.\d)?%|–/);
  const levels = page.getByRole("region", { name: "Android API 级别" });
  // Its top levels (the surge spreads evenly over ten, so which eight show varies with ties).
  const level = levels.getByRole("row", { name: /^\d+ / }).first();
  await expect(level.getByRole("button", { name: /^\d+$/ })).toBeVisible({ timeout: 30_000 });
  await expect(level.getByRole("cell").nth(1)).toHaveText(/\d+(\.\d)?%|–/);
  const events = page.getByRole("region", { name: "最近的事件" });
  await expect(events.getByText("javax.net.ssl.SSLHandshakeException").first()).toBeVisible();

  // The first screen: the explanation beside the chart (the whole page is very long).
  await page.screenshot({ path: path.join(SCREENSHOTS, "code-50502-light.png") });
});

test("the view lives in the URL: range and filters change it, reload and back restore it", async ({
  page,
}) => {
  await page.goto(`/codes/50502?project=${project}&range=6h`);
  const events = page.getByRole("region", { name: "最近的事件" });
  await expect(events.getByRole("row").nth(1)).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "最近 24 小时" }).click();
  await expect(page).toHaveURL(new RegExp(`project=${project}$`));
  // A filter from a breakdown value: the URL, a chip, and the data all follow.
  await page
    .getByRole("region", { name: "主机" })
    .getByRole("button", { name: "m1.smartlife.example" })
    .click();
  await expect(page).toHaveURL(/host=m1\.smartlife\.example/);
  await expect(page.getByRole("list", { name: "筛选" })).toContainText("m1.smartlife.example");
  const hostCells = events.locator("tbody tr td:nth-child(5)");
  await expect(hostCells.first()).toHaveText("m1.smartlife.example");
  await expect(hostCells.filter({ hasNotText: "m1.smartlife.example" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("list", { name: "筛选" })).toContainText("m1.smartlife.example");
  await page.goBack();
  await expect(page).not.toHaveURL(/host=/);
  await expect(page.getByRole("list", { name: "筛选" })).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/range=6h/);
  await expect(page.getByRole("button", { name: "最近 6 小时" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
});

test("reads in English, and passes axe in both themes on the overview and 50502's page", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(90_000);
  for (const [theme, locale] of [
    ["light", "en"],
    ["dark", "zh"],
  ] as const) {
    await context.addCookies([
      { name: "cw-theme", value: theme, url: baseURL! },
      { name: "cw-locale", value: locale, url: baseURL! },
    ]);
    for (const url of [
      `/?project=${project}&range=1h`,
      `/codes/50502?project=${project}&range=1h`,
    ]) {
      await page.goto(url);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await expect(page.locator(".recharts-surface").first()).toBeVisible({ timeout: 30_000 });
      if (locale === "en") {
        await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
        await expect(
          page.getByRole("heading", {
            name: url.startsWith("/codes") ? /How often 50502/ : "Overview",
          }),
        ).toBeVisible();
      }
      expect(await seriousViolations(page), `${url} ${theme}`).toEqual([]);
      if (theme === "dark") {
        const name = url.startsWith("/codes") ? "code-50502-dark.png" : "overview-dark.png";
        await page.screenshot({
          path: path.join(SCREENSHOTS, name),
          fullPage: !url.startsWith("/codes"),
        });
      }
    }
  }
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the overview and 50502's page fit the screen", async ({ page }) => {
    for (const [url, name] of [
      [`/?project=${project}&range=1h`, "overview-phone.png"],
      [`/codes/50502?project=${project}&range=1h`, "code-50502-phone.png"],
    ] as const) {
      await page.goto(url);
      await expect(page.locator(".recharts-surface").first()).toBeVisible({ timeout: 30_000 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, url).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(SCREENSHOTS, name) });
    }
  });
});

test("a code seen once at a minute's notice gets a ranked row marked new", async ({
  page,
  playwright,
  baseURL,
}) => {
  const device = await playwright.request.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { authorization: `Bearer ${ingestKey}` },
  });
  // A code the catalogue does not know, first seen now.
  const code = 990_000 + Math.floor(Math.random() * 9_000);
  const sent = await device.post("/api/v1/events", {
    data: { events: Array.from({ length: 500 }, () => ({ code, timestamp: Date.now() - MINUTE })) },
  });
  expect(sent.status()).toBe(202);
  await device.dispose();
  await page.goto(`/?project=${project}&range=1h`);
  const row = page
    .getByRole("table", { name: "错误码排行" })
    .getByRole("row", { name: new RegExp(`^${code}`) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText("新");
  await expect(row).toContainText("未知");
});

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("sets a project's default time zone and language in Settings", async ({ page }) => {
    await page.goto("/settings");
    await page.getByRole("combobox", { name: "项目", exact: true }).selectOption(project);
    const form = page.getByRole("form", { name: `${project} 的设置` });
    await form.getByLabel("时区（看板默认）").fill("Asia/Tokyo");
    await form.getByLabel("通知语言").selectOption("en");
    await form.getByRole("button", { name: "保存" }).click();
    await expect(form.getByRole("status")).toHaveText("已保存");
    const listed = await page.request.get("/api/v1/projects");
    const saved = ((await listed.json()) as { projects: { slug: string }[] }).projects.find(
      (p) => p.slug === project,
    );
    expect(saved).toMatchObject({ timeZone: "Asia/Tokyo", language: "en" });
    // A zone that does not exist is refused with the server's reason.
    await form.getByLabel("时区（看板默认）").fill("Mars/Olympus");
    await form.getByRole("button", { name: "保存" }).click();
    await expect(form.getByRole("alert")).toContainText("timeZone");
  });
});
