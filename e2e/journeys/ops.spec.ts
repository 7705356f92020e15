/**
 * Ops' day: a project with traffic and a 50502 surge going on right now (one load-balancer node
 * serves a broken chain, sent through the real ingest API). Ops opens the overview, sees 50502
 * in "spiking now", clicks through to its page, finds the one node that carries the surge in
 * the breakdown, and follows the incident the server's alert cycle opened to its diagnosis.
 * axe checks every page on the way.
 */
import { expect, test } from "@playwright/test";

import { expectAccessible } from "../support/axe";
import { storageStateOf } from "../support/logins";
import { BROKEN_NODE, createProjectWithKey, ingest, loadBalancerNode } from "../support/surge";

test.use({ storageState: storageStateOf("ops") });

let project: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  const created = await createProjectWithKey(playwright, baseURL!, "ops-day");
  project = created.project;
  await ingest(playwright, baseURL!, created.key, loadBalancerNode(Date.now()));
});

test("ops spots the 50502 surge, finds the broken node and reads the incident's diagnosis", async ({
  page,
}) => {
  // The incident opens on the server's next alert cycles (every 15 s); the page shows it then.
  test.setTimeout(90_000);

  const strip = page.getByRole("region", { name: "正在突增" });
  await test.step("opens the overview of the project's last hour", async () => {
    await page.goto(`/?project=${project}&range=1h`);
    await expect(page.getByRole("heading", { level: 1, name: "概览" })).toBeVisible();
    const top = page.getByRole("table", { name: "错误码排行" });
    await expect(top.getByRole("link", { name: "50502" })).toBeVisible();
  });

  const card = strip.getByRole("link", { name: /^50502/ });
  await test.step("sees 50502 spiking now, with its likely cause", async () => {
    await expect(card).toContainText("SSL 握手失败");
    await expect(card).toContainText(/每分钟 [\d,]+，预期/);
    await expect(card).toContainText("可能原因：某个负载均衡节点证书异常", { timeout: 30_000 });
    await expectAccessible(page);
  });

  await test.step("clicks through to 50502's page", async () => {
    await card.click();
    await expect(page).toHaveURL(new RegExp(`/codes/50502\\?project=${project}&range=1h$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("50502 SSL 握手失败");
  });

  await test.step("reads the breakdown: one node carries the surge, far above its usual share", async () => {
    const nodes = page.getByRole("region", { name: "远端 IP" });
    const broken = nodes.getByRole("row", {
      name: new RegExp(BROKEN_NODE.ip.replaceAll(".", "\\.")),
    });
    // Each value: its share now, then its share in the days before (one node of six: ~17%).
    await expect(broken.getByRole("cell").nth(0)).toHaveText(/^(8\d|9\d)(\.\d)?%/);
    await expect(broken.getByRole("cell").nth(1)).toHaveText(/^1\d(\.\d)?%$/);
    // It leads its table; every other node keeps a small share.
    await expect(nodes.getByRole("row").nth(1)).toContainText(BROKEN_NODE.ip);
    await expect(nodes.getByRole("row").nth(2).getByRole("cell").nth(0)).toHaveText(/^\d(\.\d)?%/);
    const hosts = page.getByRole("region", { name: "主机", exact: true });
    await expect(hosts.getByRole("row").nth(1)).toContainText(BROKEN_NODE.host);
    await expectAccessible(page);
  });

  await test.step("follows the related incident and reads its diagnosis", async () => {
    const related = page.getByRole("region", { name: "相关事件单" });
    // Opened by the alert cycle: the panel refreshes by itself until it is there.
    const link = related.getByRole("link", { name: /某个负载均衡节点证书异常/ });
    await expect(link).toBeVisible({ timeout: 60_000 });
    await link.click();
    await expect(page).toHaveURL(/\/incidents\/[\w-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("50502 SSL 握手失败");
    const diagnosis = page.getByRole("region", { name: "可能原因", exact: true });
    const top = diagnosis.getByRole("listitem").first();
    await expect(top).toContainText("某个负载均衡节点证书异常");
    await expect(top).toContainText(BROKEN_NODE.ip);
    await expectAccessible(page);
  });
});
