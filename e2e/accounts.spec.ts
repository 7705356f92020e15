import { expect, test } from "@playwright/test";

import { seriousViolations } from "./support/axe";
import { clientAddressHeader, login, storageStateOf } from "./support/logins";

test.describe("signed out", () => {
  test.use({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: clientAddressHeader(1),
  });

  test("every page sends you to sign in, and back afterwards", async ({
    page,
    request,
    baseURL,
  }) => {
    // Each page answers with the redirect itself, naming the page (and its query) to come back to.
    for (const [path, next] of [
      ["/", null],
      ["/codes", "/codes"],
      ["/codes?q=%E8%AF%81%E4%B9%A6", "/codes?q=%E8%AF%81%E4%B9%A6"],
      ["/codes/50502", "/codes/50502"],
      ["/incidents", "/incidents"],
      ["/settings", "/settings"],
    ] as const) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(307);
      const target = new URL(response.headers()["location"]!, baseURL);
      expect(target.pathname, path).toBe("/sign-in");
      expect(target.searchParams.get("next"), path).toBe(next);
    }

    await page.goto("/codes/50502");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcodes%2F50502$/);
    const { email, password } = login("support");
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/codes\/50502$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("50502");
  });

  test("a wrong password is refused with a message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("邮箱").fill(login("ops").email);
    await page.getByLabel("密码").fill("not the password at all");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("邮箱或密码错误。");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a made-up session cookie shows nothing, not even in a partial (RSC) render", async ({
    request,
    playwright,
    baseURL,
  }) => {
    // The proxy lets any session cookie through; the layout's real check sends it to sign in.
    const junk = { cookie: "better-auth.session_token=junk" };
    const document = await request.get("/codes/50502", { headers: junk, maxRedirects: 0 });
    expect(document.status()).toBe(307);
    expect(new URL(document.headers()["location"]!, baseURL).href).toBe(
      new URL("/sign-in", baseURL).href,
    );
    expect(await document.text()).not.toContain("SSLHandshakeException");

    // A client-side navigation fetches the page as an RSC payload (`?_rsc`, or Next first
    // redirects to add it): the payload carries the redirect to sign in, and none of the page.
    const partial = (headers: Record<string, string>) =>
      request.get("/codes/50502?_rsc", { headers: { ...headers, rsc: "1" }, maxRedirects: 0 });
    const rsc = await partial(junk);
    expect(rsc.status()).toBe(200);
    expect(rsc.headers()["content-type"]).toContain("text/x-component");
    const payload = await rsc.text();
    expect(payload).toContain("NEXT_REDIRECT;replace;/sign-in;");
    expect(payload).not.toContain("SSLHandshakeException");
    expect(payload).not.toContain("Trust anchor");

    // The same request with a real session carries the page, so the absence above means something.
    const support = await playwright.request.newContext({
      baseURL,
      storageState: storageStateOf("support"),
    });
    const session = (await support.storageState()).cookies
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    await support.dispose();
    const real = await partial({ cookie: session });
    expect(real.status()).toBe(200);
    expect(await real.text()).toContain("Trust anchor");
  });

  test("a sign-in link cannot send people to another site afterwards", async ({
    page,
    baseURL,
  }) => {
    await page.goto("/sign-in?next=%2F%09%2Fevil.example%2Fphish");
    const { email, password } = login("ops");
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
    // The link is refused: home, on this site.
    await expect(page).toHaveURL(new URL("/", baseURL).href);
    // Signed in, the sign-in page sends you on by itself, and refuses other sites the same way.
    for (const next of ["//evil.example/x", "/\\evil.example", "/\t/evil.example/phish"]) {
      const answer = await page.request.get(`/sign-in?next=${encodeURIComponent(next)}`, {
        maxRedirects: 0,
      });
      expect(answer.status(), next).toBe(307);
      expect(new URL(answer.headers()["location"]!, baseURL).href, next).toBe(
        new URL("/", baseURL).href,
      );
    }
    const again = await page.goto("/sign-in?next=/codes");
    expect(again?.status()).toBe(200);
    await expect(page).toHaveURL(/\/codes$/);
  });

  test("the API answers 401 problem+json without credentials", async ({ request }) => {
    const response = await request.get("/api/v1/codes");
    expect(response.status()).toBe(401);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 401, title: "Unauthorized" });
  });
});

test.describe("support", () => {
  test.use({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: clientAddressHeader(2),
  });

  test("signs in, browses codes, sees no admin navigation and is refused by the admin API", async ({
    page,
    request,
  }) => {
    const { email, password } = login("support");
    await page.goto("/sign-in");
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav).toBeVisible();

    await nav.getByRole("link", { name: "错误码" }).click();
    await page.getByRole("searchbox", { name: "搜索错误码" }).fill("配网超时");
    await expect(
      page.getByRole("list", { name: "错误码" }).getByRole("link", { name: /^1006/ }),
    ).toBeVisible();

    // The end-to-end server runs as `npm run demo` does, so the demo inbox is there too.
    await expect(nav.getByRole("link")).toHaveText(["概览", "错误码", "事件", "演示收件箱"]);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();

    // The page's own cookies, against the API: roles are enforced there, not only hidden.
    const users = await page.request.get("/api/v1/users");
    expect(users.status()).toBe(403);
    const create = await page.request.post("/api/v1/projects", {
      data: { slug: "by-support" },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(create.status()).toBe(403);

    // Signing out ends the session on the server: its cookie, replayed, opens nothing any more.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    expect((await request.get("/api/v1/codes", { headers: { cookie } })).status()).toBe(200);
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await request.get("/api/v1/codes", { headers: { cookie } })).status()).toBe(401);
    await page.goto("/codes");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcodes$/);
  });
});

test.describe("admin", () => {
  test.use({ storageState: storageStateOf("admin"), locale: "en-US" });

  test("creates a key, sees it exactly once, revokes it, and the revoked key gets 401", async ({
    page,
    playwright,
    baseURL,
  }) => {
    await page.context().addCookies([{ name: "cw-locale", value: "en", url: baseURL! }]);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await page.getByRole("combobox", { name: "Project" }).selectOption("demo");

    const keyName = `e2e-${Date.now()}`;
    await page.getByLabel("Key name").fill(keyName);
    await page.getByRole("checkbox", { name: "read" }).check();
    await page.getByRole("button", { name: "Create key" }).click();
    const shown = page.getByTestId("new-key");
    await expect(shown).toHaveText(/^cw_[A-Za-z0-9_-]{43}$/);
    const key = (await shown.textContent())!;

    const client = await playwright.request.newContext({
      baseURL,
      storageState: { cookies: [], origins: [] },
    });
    const withKey = { headers: { authorization: `Bearer ${key}` } };
    expect((await client.get("/api/v1/codes?q=50502", withKey)).status()).toBe(200);

    await page.getByRole("button", { name: "Done" }).click();
    await expect(shown).toHaveCount(0);
    await page.reload();
    // After the one showing, only the short prefix is ever displayed.
    await page.getByRole("combobox", { name: "Project" }).selectOption("demo");
    const row = page.getByRole("row", { name: new RegExp(keyName) });
    await expect(row).toContainText(key.slice(0, 11));
    await expect(page.getByText(key)).toHaveCount(0);
    // It was used once above: "Last used" holds a time, not "never".
    await expect(row.getByRole("cell").nth(4)).toHaveText(/^\d.* UTC$/);

    await row.getByRole("button", { name: `Revoke ${keyName}` }).click();
    await expect(row).toContainText("Revoked");
    const refused = await client.get("/api/v1/codes?q=50502", withKey);
    expect(refused.status()).toBe(401);
    await client.dispose();
  });
});

test.describe("security headers", () => {
  test("pages carry a nonce-based CSP with no inline scripts, and framing is refused", async ({
    request,
  }) => {
    const response = await request.get("/codes");
    const headers = response.headers();
    const csp = headers["content-security-policy"]!;
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    // Every inline script Next renders carries this response's nonce.
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  test("API responses are nosniff and never framed", async ({ request }) => {
    const headers = (await request.get("/api/v1/codes/50502")).headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  test("a session cookie is httpOnly and SameSite=Lax", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ storageState: storageStateOf("admin") });
    const cookies = await context.cookies(baseURL);
    const session = cookies.find((c) => c.name.endsWith("better-auth.session_token"));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    await context.close();
  });
});

test.describe("accessibility of the account pages", () => {
  test("the sign-in page has no serious violations", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  test("the settings page has no serious violations", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("admin") });
    const page = await context.newPage();
    await page.goto("/settings");
    await expect(page.getByRole("heading", { level: 1, name: "设置" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "项目" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
