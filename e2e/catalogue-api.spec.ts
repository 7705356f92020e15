import { expect, test } from "@playwright/test";

import { readSeedTable } from "../lib/catalog/seed-table";

test.describe("catalogue API over HTTP", () => {
  test("serves every seed code with the seed's Chinese text unchanged", async ({ request }) => {
    const seed = readSeedTable();
    expect(seed).toHaveLength(45);
    for (const row of seed) {
      const response = await request.get(`/api/v1/codes/${row.code}`);
      expect(response.status(), `code ${row.code}`).toBe(200);
      const body = await response.json();
      expect(body.seedText).toBe(row.text);
      expect(body.seedAnalysis ?? undefined).toBe(row.analysis);
      expect(body.title.zh).toBeTruthy();
      expect(body.title.en).toBeTruthy();
    }
  });

  const search = async (request: import("@playwright/test").APIRequestContext, q: string) => {
    const response = await request.get(`/api/v1/codes?q=${encodeURIComponent(q)}`);
    expect(response.status()).toBe(200);
    return ((await response.json()).codes as { code: number }[]).map((c) => c.code);
  };

  test("finds codes by Chinese words, exception class and log text", async ({ request }) => {
    expect(await search(request, "证书")).toEqual(expect.arrayContaining([104, 50502]));
    expect(await search(request, "SSLHandshakeException")).toContain(50502);
    expect(await search(request, "unable to resolve host")).toContain(50504);
    expect(await search(request, "配网")).toEqual(
      expect.arrayContaining([1001, 1002, 1004, 1005, 1006, 1007]),
    );
  });

  test("filters by category", async ({ request }) => {
    const response = await request.get("/api/v1/codes?category=pairing");
    const body = await response.json();
    expect(body.codes.map((c: { code: number }) => c.code)).toEqual([
      1001, 1002, 1004, 1005, 1006, 1007,
    ]);
  });

  test("answers an unknown code with 404 problem+json", async ({ request }) => {
    const response = await request.get("/api/v1/codes/99999");
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 404, title: "Not Found" });
  });

  test("answers malformed parameters with 400 problem+json naming the field", async ({
    request,
  }) => {
    const cases: [string, string][] = [
      ["/api/v1/codes/abc", "params.code"],
      ["/api/v1/codes/-1", "params.code"],
      ["/api/v1/codes?category=bogus", "query.category"],
      ["/api/v1/codes?limit=5", "query.limit"],
      [`/api/v1/codes?q=${"x".repeat(201)}`, "query.q"],
      ["/api/v1/codes?q=a&q=b", "query.q"],
    ];
    for (const [url, field] of cases) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(400);
      expect(response.headers()["content-type"]).toContain("application/problem+json");
      const body = await response.json();
      expect(body).toMatchObject({ status: 400, type: "urn:codewatch:problem:invalid-request" });
      expect(
        body.errors.map((e: { field: string }) => e.field),
        url,
      ).toContain(field);
    }
  });
});
