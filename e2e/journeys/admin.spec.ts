/**
 * The admin's day: a new app joins. The admin creates its project and an ingest key on the
 * Settings page, copies the key, sends a first event with it exactly as the README's curl
 * example does, sees it counted on the overview, then revokes the key on Settings, after which
 * the key gets 401. axe checks every page on the way.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";

import { expectAccessible } from "../support/axe";
import { storageStateOf } from "../support/logins";

test.use({
  storageState: storageStateOf("admin"),
  permissions: ["clipboard-read", "clipboard-write"],
});

/** The README's example request ("Ingesting telemetry"), its times moved to now. */
function readmeExample(key: string, nowMs: number) {
  return {
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    data: JSON.stringify({
      sentAt: new Date(nowMs).toISOString(),
      context: { app: "smartlife", appVersion: "5.2.1" },
      events: [
        {
          code: 50502,
          timestamp: new Date(nowMs - 5_000).toISOString(),
          eventId: "e-1",
          host: "a1.example.com",
          exception: "javax.net.ssl.SSLHandshakeException",
        },
      ],
    }),
  };
}

test("admin sets up a new app's project and key, sees its first event, then revokes the key", async ({
  page,
  playwright,
  baseURL,
}) => {
  // Five steps across three pages, each scanned by axe, and an event sent through the API.
  test.setTimeout(90_000);
  const run = Date.now().toString(36);
  const slug = `journey-${run}`;
  const name = `Journey ${run}`;
  const keyName = `android-prod-${run}`;
  // The phone app's side: no session, only the key.
  const app: APIRequestContext = await playwright.request.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
  });

  await test.step("creates the project on the Settings page", async () => {
    await page.goto("/settings");
    await expect(page.getByRole("heading", { level: 1, name: "设置" })).toBeVisible();
    await expectAccessible(page);
    const projects = page.getByRole("region", { name: "项目", exact: true });
    await projects.getByLabel("标识").fill(slug);
    await projects.getByLabel("名称", { exact: true }).fill(name);
    await projects.getByRole("button", { name: "创建项目" }).click();
    // The new project is the one selected, with its keys below (none yet).
    await expect(page.getByRole("combobox", { name: "项目", exact: true })).toHaveValue(slug);
    await expect(page.getByText("该项目还没有密钥。")).toBeVisible();
  });

  let key = "";
  await test.step("creates an ingest key and copies it", async () => {
    const keys = page.getByRole("region", { name: `${slug} 的 API 密钥` });
    await keys.getByLabel("密钥名称").fill(keyName);
    await expect(keys.getByRole("checkbox", { name: "上报" })).toBeChecked();
    await keys.getByRole("button", { name: "创建密钥" }).click();
    await expect(keys.getByText("请立即复制密钥")).toBeVisible();
    const shown = keys.getByTestId("new-key");
    await expect(shown).toHaveText(/^cw_[A-Za-z0-9_-]{43}$/);
    key = (await shown.textContent())!;
    await keys.getByRole("button", { name: "复制" }).click();
    await expect(keys.getByText("已复制")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await expectAccessible(page);
    await keys.getByRole("button", { name: "完成" }).click();
    await expect(shown).toHaveCount(0);
  });

  await test.step("sends a first event exactly as the README shows", async () => {
    const sent = await app.post("/api/v1/events", readmeExample(key, Date.now()));
    expect(sent.status()).toBe(202);
    // And answers what the README says it answers.
    expect(await sent.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [], warnings: [] });
  });

  await test.step("sees the event counted on the overview", async () => {
    await page
      .getByRole("navigation", { name: "主导航" })
      .getByRole("link", { name: "概览" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "概览" })).toBeVisible();
    await page.getByRole("combobox", { name: "项目", exact: true }).selectOption({ label: name });
    await expect(page).toHaveURL(new RegExp(`project=${slug}`));
    await expect(page.getByRole("region", { name: "事件数" })).toContainText(/^1 事件数/);
    const row = page
      .getByRole("table", { name: "错误码排行" })
      .getByRole("row", { name: /^50502/ });
    await expect(row).toContainText("SSL 握手失败");
    await expectAccessible(page);
  });

  await test.step("revokes the key on the Settings page", async () => {
    await page
      .getByRole("navigation", { name: "主导航" })
      .getByRole("link", { name: "设置" })
      .click();
    // The overview has a project select too: pick in Settings' only once Settings is shown.
    await expect(page.getByRole("heading", { level: 1, name: "设置" })).toBeVisible();
    await page.getByRole("combobox", { name: "项目", exact: true }).selectOption(slug);
    const row = page.getByRole("row", { name: new RegExp(keyName) });
    // Only its prefix is shown now, and it was used once.
    await expect(row).toContainText(key.slice(0, 11));
    await expect(row.getByRole("cell").nth(4)).toHaveText(/^\d.* UTC$/);
    await row.getByRole("button", { name: `吊销 ${keyName}` }).click();
    await expect(row).toContainText("已吊销");
    await expectAccessible(page);
  });

  await test.step("the revoked key is refused with 401", async () => {
    const refused = await app.post("/api/v1/events", readmeExample(key, Date.now()));
    expect(refused.status()).toBe(401);
    expect(refused.headers()["content-type"]).toContain("application/problem+json");
  });
  await app.dispose();
});
