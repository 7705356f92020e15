import { expect, test, type APIRequest, type APIRequestContext, type Page } from "@playwright/test";

import { storageStateOf } from "./support/logins";

/** A sample's value in Prometheus text format, or undefined when absent. */
function sample(text: string, name: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(" ")[1]);
}

/** A key of the demo project made by the signed-in admin, and a device context that sends with it. */
async function demoDevice(
  {
    page,
    playwright,
    baseURL,
  }: { page: Page; playwright: { request: APIRequest }; baseURL?: string },
  name: string,
  scopes: ("ingest" | "read")[],
): Promise<APIRequestContext> {
  const created = await page.request.post("/api/v1/projects/demo/keys", {
    data: { name: `${name}-${Date.now()}`, scopes },
    headers: { origin: baseURL! },
  });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()) as { key: string };
  return playwright.request.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { authorization: `Bearer ${key}` },
  });
}

test.describe("background work of the production server", () => {
  test("the detector loop runs soon after start, without failing", async ({ request }) => {
    test.setTimeout(60_000);
    let metrics = "";
    await expect
      .poll(
        async () => {
          metrics = await (await request.get("/metrics")).text();
          return sample(metrics, "codewatch_detector_tick_duration_seconds_count") ?? 0;
        },
        { timeout: 45_000, intervals: [1_000] },
      )
      .toBeGreaterThanOrEqual(1);
    expect(sample(metrics, "codewatch_detector_tick_failures_total")).toBe(0);
  });

  test.describe("with telemetry", () => {
    // One after the other: a read merges what waits, so a read of the other test running at the
    // same time could take this test's batch before the loop does.
    test.describe.configure({ mode: "default" });
    test.use({ storageState: storageStateOf("admin") });

    test("the aggregate merge adds a batch's counts within seconds, without failing", async ({
      page,
      playwright,
      baseURL,
    }) => {
      test.setTimeout(60_000);
      const device = await demoDevice({ page, playwright, baseURL }, "e2e-merge", ["ingest"]);
      const merged = async () =>
        sample(
          await (await device.get("/metrics")).text(),
          "codewatch_aggregate_batches_merged_total",
        ) ?? 0;
      // 50502's count in the aggregates this hour and the next (a read merges what waits first).
      const hour = 3_600_000;
      const from = new Date(Math.floor(Date.now() / hour) * hour).toISOString();
      const to = new Date(Math.floor(Date.now() / hour) * hour + 2 * hour).toISOString();
      const counted = async () => {
        const top = await page.request.get(`/api/v1/top?project=demo&from=${from}&to=${to}`);
        expect(top.status()).toBe(200);
        const { codes } = (await top.json()) as { codes: { code: number; count: number }[] };
        return codes.find((c) => c.code === 50502)?.count ?? 0;
      };
      const countedBefore = await counted();
      const before = await merged();
      const sent = await device.post("/api/v1/events", {
        data: { events: [1, 2, 3].map((i) => ({ code: 50502, message: `e2e merge ${i}` })) },
      });
      expect(sent.status()).toBe(202);
      expect(await sent.json()).toMatchObject({ accepted: 3 });
      // No read happens here: only the server's own loop can have merged it.
      await expect.poll(merged, { timeout: 15_000, intervals: [500] }).toBeGreaterThan(before);
      // What it merged is the batch's counts: a read now finds them added, once.
      expect(await counted()).toBe(countedBefore + 3);
      const metrics = await (await device.get("/metrics")).text();
      expect(sample(metrics, "codewatch_aggregate_merge_failures_total")).toBe(0);
      await device.dispose();
    });

    test("a code sent a moment ago is counted at once in series and top, while the loops run", async ({
      page,
      playwright,
      baseURL,
    }) => {
      const device = await demoDevice({ page, playwright, baseURL }, "e2e-young", [
        "ingest",
        "read",
      ]);
      // A code this run has never sent: its detector cannot exist yet.
      const code = 700_000 + Math.floor(Math.random() * 100_000);
      const sent = await device.post("/api/v1/events", {
        data: { events: [{ code }, { code }, { code }] },
      });
      expect(sent.status()).toBe(202);
      const now = Date.now();
      const from = new Date(now - 3_600_000).toISOString();
      const to = new Date(now + 60_000).toISOString();
      for (const interval of ["1m", "5m", "1h"]) {
        const series = await device.get(
          `/api/v1/series?codes=${code}&interval=${interval}&from=${from}&to=${to}`,
        );
        expect(series.status()).toBe(200);
        const body = (await series.json()) as { series: { points: { count: number }[] }[] };
        const total = body.series[0]!.points.reduce((sum, p) => sum + p.count, 0);
        expect(total, interval).toBe(3);
      }
      const top = await device.get(`/api/v1/top?from=${from}&to=${to}&limit=200`);
      const codes = ((await top.json()) as { codes: { code: number; count: number }[] }).codes;
      expect(codes.find((c) => c.code === code)?.count).toBe(3);
      await device.dispose();
    });
  });
});
