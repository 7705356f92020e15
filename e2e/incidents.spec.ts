/**
 * Incidents against the real server: a certificate expiry ingested into a fresh project opens an
 * incident by the server's own alert cycle; support reads it but cannot acknowledge it (the
 * button is disabled and the API answers 403); on-call opens it from the list, reads the
 * diagnosis, acknowledges and resolves it, and the page and its timeline say so after each
 * step. Ops silence and end a silence and manage a rule; an admin adds a webhook channel and sees
 * its URL masked. Screenshots of the list and the incident page go to docs/screenshots/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { seriousViolations } from "./support/axe";
import { login, storageStateOf } from "./support/logins";
import { adminApi, certificateExpiry, createProjectWithKey, ingest } from "./support/surge";

const SCREENSHOTS = path.join(import.meta.dirname, "..", "docs", "screenshots");

test.describe.configure({ mode: "serial" });

let project: string;
let incidentId: string;

/** Light theme, Chinese: what the screenshots show. */
async function lightChinese(page: Page, baseURL: string) {
  await page.context().addCookies([
    { name: "cw-theme", value: "light", url: baseURL },
    { name: "cw-locale", value: "zh", url: baseURL },
  ]);
}

test.beforeAll(async ({ playwright, baseURL }) => {
  test.setTimeout(240_000);
  const created = await createProjectWithKey(playwright, baseURL!, "inc");
  project = created.project;
  await ingest(playwright, baseURL!, created.key, certificateExpiry(Date.now()));
  // The alert cycle runs every 15 s; the detector flags the surge on its second unusual minute.
  const admin = await adminApi(playwright, baseURL!);
  await expect
    .poll(
      async () => {
        const response = await admin.get(`/api/v1/incidents?project=${project}&status=open`);
        const body = (await response.json()) as { incidents: { id: string; code: number }[] };
        incidentId = body.incidents.find((i) => i.code === 50502)?.id ?? "";
        return incidentId;
      },
      { timeout: 180_000, intervals: [2_000, 5_000] },
    )
    .not.toBe("");
  await admin.dispose();
});

test.describe("as support", () => {
  test.use({ storageState: storageStateOf("support") });

  test("reads the incident but cannot acknowledge it, in the page or through the API", async ({
    page,
    baseURL,
  }) => {
    await lightChinese(page, baseURL!);
    await page.goto(`/incidents?project=${project}`);
    await expect(page.getByRole("heading", { level: 1, name: "事件" })).toBeVisible();
    // Channels are for admins: not even a tab.
    const tabs = page.getByRole("navigation", { name: "告警" });
    await expect(tabs.getByRole("link")).toHaveText(["事件", "告警规则", "静默"]);
    const list = page.getByRole("list", { name: "事件单" });
    await list.getByRole("link", { name: /^50502/ }).click();
    await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("50502 SSL 握手失败");

    const actions = page.getByRole("group", { name: "操作" });
    await expect(actions.getByRole("button", { name: "确认", exact: true })).toBeDisabled();
    await expect(actions.getByRole("button", { name: "标记为已恢复" })).toBeDisabled();
    await expect(actions).toContainText("只有运维和管理员可以确认或恢复事件单；你的角色是客服。");

    const refused = await page.request.post(`/api/v1/incidents/${incidentId}/acknowledge`, {
      headers: { origin: baseURL! },
    });
    expect(refused.status()).toBe(403);
    expect(refused.headers()["content-type"]).toContain("application/problem+json");
    // Still open: nothing changed.
    await page.reload();
    await expect(page.locator(".incident-header-meta")).toContainText("未处理");

    // In English, and in the dark theme, which passes axe too.
    await page.context().addCookies([
      { name: "cw-locale", value: "en", url: baseURL! },
      { name: "cw-theme", value: "dark", url: baseURL! },
    ]);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(
      page.getByRole("region", { name: "Likely cause", exact: true }).getByRole("listitem").first(),
    ).toContainText("Server certificate probably expired");
    await expect(page.getByRole("group", { name: "Actions" })).toContainText(
      "Only ops and admins acknowledge or resolve incidents; your role is Support.",
    );
    await expect(page.getByRole("button", { name: "Acknowledge" })).toBeDisabled();
    await expect(page.locator(".recharts-surface").first()).toBeVisible({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await lightChinese(page, baseURL!);

    // The channels page says why it shows nothing.
    await page.goto(`/alerting/channels?project=${project}`);
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
    await expect(page.getByText("通知渠道只有管理员可以查看和修改。")).toBeVisible();
  });
});

test.describe("as on-call (ops)", () => {
  test.use({ storageState: storageStateOf("ops") });

  test("opens the incident from the list, reads the diagnosis, acknowledges and resolves", async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const ops = login("ops").email;
    await lightChinese(page, baseURL!);
    await page.goto(`/incidents?project=${project}`);
    const card = page.getByRole("article", { name: /^50502/ });
    await expect(card).toContainText("未处理");
    await expect(card).toContainText("可能原因：服务器证书可能已过期");
    await expect(card).toContainText("50502 突增（SSLHandshakeException）");
    await expect(card).toContainText(/每分钟 [\d,]+，基线 [\d.]+（×[\d,.]+）/);
    expect(await seriousViolations(page)).toEqual([]);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "incidents-list-light.png") });

    await card.getByRole("link", { name: /^50502/ }).click();
    await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}$`));
    const header = page.locator(".incident-header-meta");
    await expect(header).toContainText("未处理");
    await expect(header).toContainText(project);

    // The diagnosis, ranked, with its evidence against the baseline.
    const diagnosis = page.getByRole("region", { name: "可能原因", exact: true });
    await expect(diagnosis.getByRole("listitem").first()).toContainText("服务器证书可能已过期");
    await expect(diagnosis).toContainText("时间正确的手机报告“证书已过期”");
    await expect(diagnosis).toContainText(/占超出部分的 [\d.]+%（基线 [\d.]+%）/);
    // The surge's chart with the incident shaded.
    const chart = page.getByRole("region", { name: "突增过程" });
    await expect(chart.locator(".recharts-reference-area").first()).toBeVisible({
      timeout: 30_000,
    });
    const timeline = page.getByRole("region", { name: "时间线" });
    await expect(timeline.getByRole("listitem").first()).toContainText(/按(暂定|稳定)判断开启/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({
      path: path.join(SCREENSHOTS, "incidents-page-light.png"),
      fullPage: true,
    });

    // On a phone: nothing runs off the side.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(chart.locator(".recharts-surface")).toBeVisible();
    // The chart is redrawn at the new width when its ResizeObserver fires, a frame or more after
    // the resize (read at once on a busy machine, the page was still 1,111 px wide).
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await page.screenshot({
      path: path.join(SCREENSHOTS, "incidents-page-phone.png"),
      fullPage: true,
    });
    await page.goto(`/incidents?project=${project}`);
    await expect(page.getByRole("article", { name: /^50502/ })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, "incidents-list-phone.png") });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/incidents/${incidentId}`);

    const actions = page.getByRole("group", { name: "操作" });
    await actions.getByRole("button", { name: "确认", exact: true }).click();
    await expect(header).toContainText("已确认");
    await expect(actions.getByRole("button", { name: "确认", exact: true })).toBeDisabled();
    await expect(timeline).toContainText(`${ops} 已确认`);
    await expect(page.locator(".incident-summary")).toContainText(`，${ops}`);

    await actions.getByRole("button", { name: "标记为已恢复" }).click();
    await expect(header).toContainText("已恢复");
    await expect(page.getByText("已恢复，无需再处理。")).toBeVisible();
    await expect(page.getByRole("group", { name: "操作" })).toHaveCount(0);
    await expect(timeline.getByRole("listitem").last()).toContainText(`${ops} 标记为已恢复`);

    // The API agrees, and the list moves it out of "open".
    const detail = await page.request.get(`/api/v1/incidents/${incidentId}`);
    expect(await detail.json()).toMatchObject({
      status: "resolved",
      acknowledgedBy: ops,
      resolvedBy: ops,
    });
    await page.goto(`/incidents?project=${project}`);
    await expect(page.getByRole("heading", { name: "此项目没有未恢复的事件单。" })).toBeVisible();
    await page.getByRole("button", { name: "已恢复" }).click();
    await expect(page).toHaveURL(/status=resolved/);
    await expect(page.getByRole("article", { name: /^50502/ })).toContainText("已恢复");
  });

  test("the overview and 50502's page link to the incident", async ({ page }) => {
    await page.goto(`/?project=${project}&range=1h`);
    await expect(page.getByRole("region", { name: "未恢复的事件单" })).toContainText(
      "没有未恢复的事件单。",
    );
    await page.goto(`/codes/50502?project=${project}&range=1h`);
    const related = page.getByRole("region", { name: "相关事件单" });
    await related.getByRole("link", { name: /服务器证书可能已过期/ }).click();
    await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}$`));
  });

  test("silences a project for four hours and ends the silence", async ({ page }) => {
    await page.goto(`/alerting/silences?project=${project}`);
    await expect(page.getByRole("heading", { level: 1, name: "静默" })).toBeVisible();
    const comment = `e2e certificate renewal ${Date.now().toString(36)}`;
    const form = page.getByRole("form", { name: "新建静默" });
    await form.getByLabel("错误码（可选）").fill("50502");
    await form.getByLabel("说明").fill(comment);
    await form.getByRole("button", { name: "4 小时", exact: true }).click();
    await form.getByRole("button", { name: "创建静默" }).click();
    await expect(form.getByRole("status")).toHaveText("已创建静默。");
    expect(await seriousViolations(page)).toEqual([]);
    const active = page.getByRole("table", { name: "生效中的静默" });
    const row = active.getByRole("row", { name: new RegExp(comment) });
    await expect(row).toContainText(`项目 ${project}；错误码 50502；任意规则`);
    await row.getByRole("button", { name: `立即结束静默“${comment}”` }).click();
    await expect(active.getByRole("row", { name: new RegExp(comment) })).toHaveCount(0);
    await expect(
      page
        .getByRole("table", { name: "已结束的静默" })
        .getByRole("row", { name: new RegExp(comment) }),
    ).toBeVisible();
  });

  test("adds an anomaly rule, disables it and deletes it; built-in rules cannot be deleted", async ({
    page,
  }) => {
    await page.goto(`/alerting/rules?project=${project}`);
    const table = page.getByRole("table", { name: "告警规则" });
    const builtin = table.getByRole("row", { name: /50502 突增/ });
    await expect(builtin.getByRole("switch")).toBeChecked();
    await expect(builtin.getByRole("button", { name: /^删除/ })).toBeDisabled();

    const name = `e2e 10202 surge ${Date.now().toString(36)}`;
    const form = page.getByRole("form", { name: "新建规则" });
    await form.getByLabel("名称").fill(name);
    await form.getByLabel("错误码", { exact: true }).fill("10202");
    await form.getByLabel("最少设备数").fill("25");
    await form.getByRole("button", { name: "创建规则" }).click();
    await expect(form.getByRole("status")).toContainText(name);
    const row = table.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("错误码 10202");
    await expect(row).toContainText("≥ 25 台设备");
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole("switch", { name: `启用 ${name}` }).click();
    await expect(row.getByRole("switch")).not.toBeChecked();
    await expect(row).toContainText("已停用");
    await row.getByRole("button", { name: `删除 ${name}` }).click();
    await expect(table.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  });
});

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("adds a webhook channel, sees its URL masked, tests it and deletes it", async ({
    page,
    baseURL,
  }) => {
    await page.goto(`/alerting/channels?project=${project}`);
    await expect(page.getByRole("heading", { level: 1, name: "通知渠道" })).toBeVisible();
    const name = `e2e hook ${Date.now().toString(36)}`;
    // This server itself, at a path that does not exist: the test is refused, fast and surely.
    const url = `${baseURL}/api/v1/e2e-hooks/Zq81LmP0aa9RtYx3Kw?token=s3cr3t-value`;
    const form = page.getByRole("form", { name: "添加渠道" });
    await form.getByLabel("类型").selectOption("webhook");
    await form.getByLabel("名称").fill(name);
    await form.getByLabel("URL").fill(url);
    await form.getByLabel("密钥（可选）").fill("whsec-e2e-0123456789");
    await form.getByRole("button", { name: "添加渠道" }).click();
    await expect(form.getByRole("status")).toContainText(name);

    const row = page
      .getByRole("table", { name: "通知渠道" })
      .getByRole("row", { name: new RegExp(name) });
    await expect(row.locator("code")).toHaveText(`${baseURL}/api/v1/e2e-hooks/Zq81…?token=…`);
    await expect(row).not.toContainText("s3cr3t");
    await expect(row).toContainText("已设置");
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole("button", { name: `向 ${name} 发送测试消息` }).click();
    await expect(page.getByText(`发送到 ${name} 的测试消息失败：HTTP 404`)).toBeVisible({
      timeout: 20_000,
    });
    await row.getByRole("button", { name: `删除 ${name}` }).click();
    await expect(
      page.getByRole("table", { name: "通知渠道" }).getByRole("row", { name: new RegExp(name) }),
    ).toHaveCount(0);
  });
});
