/**
 * On-call's day: a server certificate expires and 50502 surges. The page arrives in the demo
 * inbox (the signed webhook the project's channel sends, its signature checked on arrival);
 * on-call opens the incident from it, reads the diagnosis, acknowledges, and once the fix is in,
 * resolves it. The incident is opened and notified by the server's own alert cycle; axe checks
 * every page on the way.
 */
import path from "node:path";

import { expect, test } from "@playwright/test";

import { expectAccessible } from "../support/axe";
import { login, storageStateOf } from "../support/logins";
import { adminApi, certificateExpiry, createProjectWithKey, ingest } from "../support/surge";

test.use({ storageState: storageStateOf("ops") });

const SCREENSHOT = path.join(
  import.meta.dirname,
  "..",
  "..",
  "docs",
  "screenshots",
  "demo-inbox.png",
);

let project: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  const created = await createProjectWithKey(playwright, baseURL!, "on-call");
  project = created.project;
  // The admin points the project's webhook at the demo inbox, with a secret of their own.
  const admin = await adminApi(playwright, baseURL!);
  const channel = await admin.post("/api/v1/channels", {
    data: {
      project,
      name: "on-call inbox",
      type: "webhook",
      url: `${baseURL}/api/demo/inbox`,
      secret: "on-call journey secret",
    },
  });
  expect(channel.status(), await channel.text()).toBe(201);
  await admin.dispose();
  await ingest(playwright, baseURL!, created.key, certificateExpiry(Date.now()));
});

test("on-call is paged in the inbox, reads the diagnosis, acknowledges and resolves", async ({
  page,
}) => {
  // The alert cycle runs every 15 s: the incident opens and its message arrives within two.
  test.setTimeout(90_000);
  const oncall = login("ops").email;

  const message = page.getByRole("article").filter({ hasText: project }).first();
  await test.step("finds the page in the demo inbox, its signature verified", async () => {
    await page.goto("/demo/inbox");
    await expect(page.getByRole("heading", { level: 1, name: "演示收件箱" })).toBeVisible();
    // The inbox refreshes every 5 s until the message is there.
    await expect(message).toBeVisible({ timeout: 60_000 });
    await expect(message.getByRole("heading")).toContainText("50502");
    await expect(message.getByRole("heading")).toContainText("服务器证书可能已过期");
    await expect(message).toContainText("签名已验证");
    await expect(message).toContainText("事件单已打开");
    await expectAccessible(page);
    await page.screenshot({ path: SCREENSHOT });
  });

  await test.step("opens the incident from the message", async () => {
    await message.getByRole("link", { name: /打开事件单/ }).click();
    await expect(page).toHaveURL(/\/incidents\/[\w-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("50502 SSL 握手失败");
  });

  const timeline = page.getByRole("region", { name: "时间线" });
  await test.step("reads the diagnosis and sees the page went out", async () => {
    const diagnosis = page.getByRole("region", { name: "可能原因", exact: true });
    await expect(diagnosis.getByRole("listitem").first()).toContainText("服务器证书可能已过期");
    await expect(diagnosis).toContainText("时间正确的手机报告“证书已过期”");
    await expect(timeline).toContainText("on-call inbox");
    await expectAccessible(page);
  });

  const header = page.locator(".incident-header-meta");
  const actions = page.getByRole("group", { name: "操作" });
  await test.step("acknowledges: the team sees someone is on it", async () => {
    await actions.getByRole("button", { name: "确认", exact: true }).click();
    await expect(header).toContainText("已确认");
    await expect(timeline).toContainText(`${oncall} 已确认`);
  });

  await test.step("resolves once the certificate is renewed", async () => {
    await actions.getByRole("button", { name: "标记为已恢复" }).click();
    await expect(header).toContainText("已恢复");
    await expect(timeline.getByRole("listitem").last()).toContainText(`${oncall} 标记为已恢复`);
    await expectAccessible(page);
  });
});
