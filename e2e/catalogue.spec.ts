import { expect, test } from "@playwright/test";

import { seriousViolations } from "./support/axe";

test.describe("code catalogue pages", () => {
  test("support searches 证书, switches to English and reads the six causes of 50502", async ({
    page,
  }) => {
    await page.goto("/codes");
    await expect(page.getByRole("heading", { level: 1, name: "错误码" })).toBeVisible();

    await page.getByRole("searchbox", { name: "搜索错误码" }).fill("证书");
    const results = page.getByRole("list", { name: "错误码" });
    await expect(results.getByRole("link", { name: /^104/ })).toBeVisible();
    await expect(results.getByRole("link", { name: /^50502/ })).toBeVisible();
    await expect(results.getByRole("link", { name: /^1006/ })).toHaveCount(0);
    await expect(page).toHaveURL(/q=%E8%AF%81%E4%B9%A6/);

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Error codes" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    // The search survives the language switch.
    await expect(page.getByRole("searchbox", { name: "Search codes" })).toHaveValue("证书");

    await page
      .getByRole("list", { name: "Error codes" })
      .getByRole("link", { name: /^50502/ })
      .click();
    await expect(page).toHaveURL(/\/codes\/50502$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("50502");
    const causes = page.getByRole("region", { name: "Likely causes" }).getByRole("listitem");
    await expect(causes).toHaveCount(6);
    await expect(causes.nth(3)).toContainText(/expired/i);
    await expect(page.getByRole("region", { name: "What to tell the user" })).toBeVisible();
    await expect(
      page.getByText("Trust anchor for certification path not found", { exact: false }).first(),
    ).toBeVisible();
  });

  test("keeps the chosen language across visits", async ({ page }) => {
    await page.goto("/codes");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Error codes" })).toBeVisible();
    await page.goto("/codes/104");
    await expect(page.getByRole("heading", { name: "What to tell the user" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  });

  test("switches between light and dark themes and keeps the choice", async ({ page }) => {
    await page.goto("/codes");
    await page.getByRole("button", { name: "深色" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.getByRole("button", { name: "深色" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await page.getByRole("button", { name: "浅色" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  });

  test("filters by family", async ({ page }) => {
    await page.goto("/codes");
    await page.getByRole("combobox", { name: "类别" }).selectOption("pairing");
    const links = page.getByRole("list", { name: "错误码" }).getByRole("link");
    await expect(links).toHaveCount(6);
    await expect(page.getByRole("status")).toContainText("6");
  });

  test("works from the keyboard alone", async ({ page }) => {
    await page.goto("/codes");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "跳到正文" })).toBeFocused();
    // Tab through the header until the search box has focus, then type and open a result.
    const search = page.getByRole("searchbox", { name: "搜索错误码" });
    for (
      let i = 0;
      i < 20 && !(await search.evaluate((el) => el === document.activeElement));
      i++
    ) {
      await page.keyboard.press("Tab");
    }
    await expect(search).toBeFocused();
    await page.keyboard.type("1006");
    const first = page.getByRole("list", { name: "错误码" }).getByRole("link").first();
    await expect(first).toContainText("1006");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(first).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/codes\/1006$/);
  });

  test("shows a not-found page for a code never seen", async ({ page }) => {
    const response = await page.goto("/codes/99999");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "没有这个错误码" })).toBeVisible();
  });

  for (const [path, heading] of [
    ["/codes", "错误码"],
    ["/codes/50502", /^50502/],
    ["/", "概览"],
  ] as const) {
    test(`has no serious accessibility violations on ${path}`, async ({ page, baseURL }) => {
      // The page itself, not a sign-in or error page standing in for it, is what gets checked.
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page).toHaveURL(new URL(path, baseURL).href);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
