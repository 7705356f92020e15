import { expect, test, type Page } from "@playwright/test";

import { seriousViolations } from "./support/axe";
import { clientAddressHeader, login, storageStateOf } from "./support/logins";

/** What the shell says in each language (the strings of lib/i18n/messages.ts). */
const LOCALES = {
  zh: {
    lang: "zh-CN",
    menu: "菜单",
    signOut: "退出登录",
    // The end-to-end server runs as `npm run demo` does, demo inbox included.
    nav: ["概览", "错误码", "事件", "演示收件箱", "设置"],
    notFound: "页面不存在",
    home: "返回概览",
    catalogue: "打开错误码目录",
    settings: "设置",
  },
  en: {
    lang: "en",
    menu: "Menu",
    signOut: "Sign out",
    nav: ["Overview", "Codes", "Incidents", "Demo inbox", "Settings"],
    notFound: "Page not found",
    home: "Back to the overview",
    catalogue: "Open the code catalogue",
    settings: "Settings",
  },
} as const;
type Locale = keyof typeof LOCALES;

const PAGES = ["/", "/codes", "/codes/50502", "/demo/inbox", "/settings"] as const;

async function chooseLocale(page: Page, locale: Locale, baseURL: string | undefined) {
  await page.context().addCookies([{ name: "cw-locale", value: locale, url: baseURL! }]);
}

/** Opens a page and waits until it has drawn what it loads after the first paint. */
async function open(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  if (path === "/demo/inbox") {
    // The messages arrive from the API after the first paint.
    await expect(page.getByRole("article").first()).toBeVisible();
  }
  if (path === "/settings") {
    // The key and user tables arrive from the API after the first paint.
    await expect(page.getByRole("table")).toHaveCount(2);
  }
}

/**
 * A message in the demo inbox as wide as a real one (its text ends with an incident's URL, one
 * unbreakable word), unsigned: stored and shown, marked, with a 401.
 */
async function postInboxMessage(page: Page) {
  const url = "http://localhost:3100/incidents/00479189-5e30-4f20-9957-32241fc87f1f";
  const title = "【codewatch】on-call-mx3qlc7z 的 50502 突增：服务器证书可能已过期";
  const response = await page.request.post("/api/demo/inbox", {
    data: {
      version: 1,
      kind: "open",
      language: "zh",
      title,
      text: `${title}\n峰值 150 次/分钟\n故障详情：${url}`,
      incidents: [],
    },
  });
  expect(response.status()).toBe(401);
}

/** A key in the demo project, so that Settings shows its widest table. */
async function createKey(page: Page, baseURL: string | undefined, name: string) {
  const created = await page.request.post("/api/v1/projects/demo/keys", {
    data: { name, scopes: ["ingest", "read"] },
    headers: { origin: baseURL! },
  });
  expect(created.status()).toBe(201);
}

/** The page's width beyond the viewport's, in CSS pixels (0 when nothing sticks out). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/**
 * Buttons and badges whose text runs to more than two lines: the symptom of a narrow column
 * squeezing a Chinese label to a character per line.
 */
function tallControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const tall: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("button, .badge")) {
      if (el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
      const text =
        el.getBoundingClientRect().height -
        parseFloat(style.paddingTop) -
        parseFloat(style.paddingBottom) -
        parseFloat(style.borderTopWidth) -
        parseFloat(style.borderBottomWidth);
      if (text > 2 * line + 1) {
        tall.push(`${el.textContent?.trim()}: ${Math.round(text / line)} lines`);
      }
    }
    return tall;
  });
}

/**
 * Opens each page in the locale (with a key in the demo project, for Settings' widest table),
 * checks that nothing sticks out and no control runs to three lines, then runs `check`.
 */
async function forEveryPage(
  page: Page,
  baseURL: string | undefined,
  locale: Locale,
  check: (path: string) => Promise<void>,
) {
  await createKey(page, baseURL, `android-production-${locale}-${Date.now()}`);
  await postInboxMessage(page);
  await chooseLocale(page, locale, baseURL);
  for (const path of PAGES) {
    await open(page, path);
    expect.soft(await overflow(page), `${path}: pixels beyond the viewport`).toBe(0);
    expect.soft(await tallControls(page), `${path}: controls over two lines`).toEqual([]);
    await check(path);
  }
}

/** The element lies wholly inside the viewport, left to right. */
async function expectWithinWidth(page: Page, name: string, width: number) {
  const box = await page.getByRole("button", { name, exact: true }).boundingBox();
  expect(box, name).not.toBeNull();
  expect(box!.x, name).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, name).toBeLessThanOrEqual(width);
}

test.describe("on a phone (390 × 844)", () => {
  test.use({ viewport: { width: 390, height: 844 }, storageState: storageStateOf("admin") });

  for (const locale of ["zh", "en"] as const) {
    const t = LOCALES[locale];

    test(`every page fits the width and every control is in reach (${locale})`, async ({
      page,
      baseURL,
    }) => {
      await forEveryPage(page, baseURL, locale, async (path) => {
        // The header folds into a menu: closed, its controls are out of the way.
        const toggle = page.getByRole("banner").getByRole("button", { name: t.menu });
        await expect(toggle).toHaveAttribute("aria-expanded", "false");
        await expect(page.getByRole("button", { name: t.signOut })).toBeHidden();
        await toggle.click();
        await expect(toggle).toHaveAttribute("aria-expanded", "true");
        const nav = page.getByRole("navigation");
        await expect(nav.getByRole("link")).toHaveText([...t.nav]);
        const signOut = page.getByRole("button", { name: t.signOut });
        await expect(signOut).toBeVisible();
        await expect(signOut).toBeInViewport({ ratio: 1 });
        await expectWithinWidth(page, t.signOut, 390);
        await expectWithinWidth(page, "English", 390);
        expect.soft(await overflow(page), `${path}, menu open: pixels beyond`).toBe(0);
        expect.soft(await tallControls(page), `${path}, menu open: tall controls`).toEqual([]);
      });
    });
  }

  test("the menu works from the keyboard and closes on Escape and on navigation", async ({
    page,
  }) => {
    await open(page, "/codes");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "跳到正文" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const toggle = page.getByRole("button", { name: "菜单" });
    await expect(toggle).toBeFocused();
    // Focus is drawn (globals.css :focus-visible) on the control the keyboard is on.
    expect(await toggle.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(page.locator(`#${await toggle.getAttribute("aria-controls")}`)).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "概览" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(toggle).toBeFocused();
    await expect(page.getByRole("link", { name: "概览" })).toBeHidden();

    await toggle.click();
    await page.getByRole("navigation").getByRole("link", { name: "设置" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "设置" })).toBeVisible();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
  });

  test("shows the API key scopes by their names in each language", async ({ page, baseURL }) => {
    const name = `shell-scopes-${Date.now()}`;
    await createKey(page, baseURL, name);
    for (const [locale, scopes, ingest, read] of [
      ["zh", "上报、读取", "上报", "读取"],
      ["en", "Ingest, Read", "Ingest", "Read"],
    ] as const) {
      await chooseLocale(page, locale, baseURL);
      await open(page, "/settings");
      await page
        .getByRole("combobox", { name: locale === "zh" ? "项目" : "Project" })
        .selectOption("demo");
      const row = page.getByRole("row", { name: new RegExp(name) });
      await expect(row.getByRole("cell").nth(2)).toHaveText(scopes);
      await expect(page.getByRole("checkbox", { name: ingest, exact: true })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: read, exact: true })).not.toBeChecked();
    }
  });
});

test.describe("signing out on a phone", () => {
  test.use({
    viewport: { width: 390, height: 844 },
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: clientAddressHeader(3),
  });

  test("signs out from the menu, and the session is over", async ({ page, request, baseURL }) => {
    // A session of its own: signing out the shared admin session would sign out other tests.
    await chooseLocale(page, "en", baseURL);
    const { email, password } = login("ops");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Menu" })).toBeVisible();
    expect(await overflow(page)).toBe(0);

    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    expect((await request.get("/api/v1/codes", { headers: { cookie } })).status()).toBe(200);
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(page.getByText(email)).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await request.get("/api/v1/codes", { headers: { cookie } })).status()).toBe(401);
  });
});

test.describe("on a laptop (1280 × 800)", () => {
  test.use({ viewport: { width: 1280, height: 800 }, storageState: storageStateOf("admin") });

  for (const locale of ["zh", "en"] as const) {
    const t = LOCALES[locale];

    test(`every control is in the header, on view, without a menu (${locale})`, async ({
      page,
      baseURL,
    }) => {
      await forEveryPage(page, baseURL, locale, async () => {
        await expect(page.getByRole("button", { name: t.menu })).toBeHidden();
        await expect(page.getByRole("navigation").getByRole("link")).toHaveText([...t.nav]);
        await expect(page.getByRole("button", { name: t.signOut })).toBeInViewport({ ratio: 1 });
      });
    });
  }
});

test.describe("a page that does not exist", () => {
  test.use({ storageState: storageStateOf("admin") });

  for (const locale of ["zh", "en"] as const) {
    const t = LOCALES[locale];

    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      test(`answers 404 with a page in the reader's language (${locale}, ${viewport.width} px)`, async ({
        page,
        baseURL,
      }) => {
        await page.setViewportSize(viewport);
        await chooseLocale(page, locale, baseURL);
        const response = await page.goto("/no-such-page/anywhere");
        expect(response?.status()).toBe(404);
        await expect(page.locator("html")).toHaveAttribute("lang", t.lang);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.notFound);
        await expect(page).toHaveTitle(`${t.notFound} · codewatch`);
        await expect(page.getByRole("link", { name: t.home })).toHaveAttribute("href", "/");
        await expect(page.getByRole("link", { name: t.catalogue })).toHaveAttribute(
          "href",
          "/codes",
        );
        expect(await overflow(page)).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);

        await page.getByRole("link", { name: t.catalogue }).click();
        await expect(page).toHaveURL(/\/codes$/);
      });
    }
  }
});

test.describe("the icon", () => {
  test("is linked from every page and loads, signed in, with no console error", async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    for (const path of ["/", "/codes", "/codes/50502"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const icons = page.locator('head link[rel~="icon"]');
      expect(await icons.count(), path).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
  });

  test("answers 200 signed out too (the sign-in page links it)", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto("/sign-in");
    const hrefs = await page
      .locator('head link[rel~="icon"]')
      .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of [...hrefs, "/favicon.ico"]) {
      const response = await page.request.get(href, { maxRedirects: 0 });
      expect(response.status(), href).toBe(200);
      expect(response.headers()["content-type"], href).toMatch(/^image\//);
    }
    await context.close();
  });
});
