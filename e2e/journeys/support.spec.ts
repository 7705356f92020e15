/**
 * Support's day: a user on the phone says pairing failed. Support searches the catalogue in
 * Chinese, opens the code, switches the interface to English for the international team's
 * wording, reads what to tell the user and copies it to paste into the ticket. axe checks every
 * page on the way.
 */
import { expect, test } from "@playwright/test";

import { expectAccessible } from "../support/axe";
import { storageStateOf } from "../support/logins";

test.use({
  storageState: storageStateOf("support"),
  permissions: ["clipboard-read", "clipboard-write"],
});

test("support looks up a pairing failure in Chinese and copies the English advice", async ({
  page,
}) => {
  // Four pages, each scanned by axe: ~20 s on a quiet machine, more beside the other worker.
  test.setTimeout(90_000);
  await test.step("searches the catalogue for 配网", async () => {
    await page.goto("/codes");
    await expect(page.getByRole("heading", { level: 1, name: "错误码" })).toBeVisible();
    await page.getByRole("searchbox", { name: "搜索错误码" }).fill("配网");
    await expect(page).toHaveURL(/q=%E9%85%8D%E7%BD%91/);
    const results = page.getByRole("list", { name: "错误码" });
    await expect(results.getByRole("link", { name: /^1006.*配网超时/ })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("opens 1006, the timeout the user describes", async () => {
    await page.getByRole("list", { name: "错误码" }).getByRole("link", { name: /^1006/ }).click();
    await expect(page).toHaveURL(/\/codes\/1006$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("1006 配网超时");
    await expect(page.getByRole("region", { name: "如何告诉用户" })).toContainText(
      "核对 Wi-Fi 密码",
    );
    await expectAccessible(page);
  });

  const advice = page.getByRole("region", { name: "What to tell the user" });
  await test.step("switches the interface to English and reads the explanation", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("1006 Pairing timed out");
    await expect(page.getByText("Pairing did not finish within the time limit.")).toBeVisible();
    await expect(advice).toContainText("double-check the Wi-Fi password");
    await expectAccessible(page);
  });

  await test.step("copies what to tell the user, word for word", async () => {
    await advice.getByRole("button", { name: "Copy what to tell the user" }).click();
    await expect(advice.getByRole("status")).toHaveText("Copied");
    const shown = await advice.getByRole("paragraph").first().innerText();
    expect(shown).toMatch(/^Ask the user to: 1\) double-check the Wi-Fi password;/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  });
});
