/**
 * A real, human-labelled count series (NAB's Twitter volume of CRM, bench/detector-real/data)
 * through the product: spread over its minutes with the harness's seed, shifted to end now, sent
 * over real HTTP to POST /api/v1/events, judged by the background loop, and read back minute by
 * minute from GET /api/v1/series. The minutes it flags must be exactly those the pure detector
 * flags on the same counts (bench:detector-real's figures are the product's).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadSeries, spreadOverMinutes } from "@/bench/detector-real/dataset";
import { detectSeries } from "@/lib/detect";
import { judgedEnd } from "@/lib/detection/advance";
import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";

const MINUTE = 60_000;
const DAY = 1_440;
const CODE = 50502;
const SEED = 1;

let fixture: IngestFixture;
let server: RouteServer;
let readKey: string;
/** The spread counts, and the UTC minute they start at once shifted to end now. */
const counts = spreadOverMinutes(loadSeries("Twitter_volume_CRM.csv"), SEED);
let start: number;

beforeAll(async () => {
  fixture = await startIngestFixture({ env: { CW_INGEST_REQUESTS_PER_SECOND: "10000" } });
  readKey = await fixture.createKey(["read"]);
  const { POST } = await import("@/app/api/v1/events/route");
  const { GET } = await import("@/app/api/v1/series/route");
  server = await serveRoutes({ "POST /api/v1/events": POST, "GET /api/v1/series": GET });
  // Every minute settled (judged by the loop) by the time the test reads.
  start = judgedEnd(Date.now()) - 1 - counts.length;
  const events: { code: number; timestamp: number }[] = [];
  counts.forEach((n, i) => {
    for (let k = 0; k < n; k++) events.push({ code: CODE, timestamp: (start + i) * MINUTE + k });
  });
  for (let i = 0; i < events.length; i += 5_000) {
    const response = await fetch(`${server.url}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${fixture.key}`, "content-type": "application/json" },
      body: JSON.stringify({ events: events.slice(i, i + 5_000) }),
    });
    expect(response.status).toBe(202);
  }
  const { runDetectorTick } = await import("./loop");
  const { poolOf } = await import("@/lib/db/client");
  const { getDb } = await import("@/lib/db/server");
  await runDetectorTick(poolOf(await getDb()));
}, 300_000);

afterAll(async () => {
  await server?.close();
  await fixture?.close();
});

/** Minutes (UTC) flagged in GET /api/v1/series at 1m, read a day at a time. */
async function flaggedMinutesFromApi(): Promise<number[]> {
  const flagged: number[] = [];
  for (let from = start; from < start + counts.length; from += DAY) {
    const to = Math.min(from + DAY, start + counts.length);
    const query = new URLSearchParams({
      codes: String(CODE),
      interval: "1m",
      from: new Date(from * MINUTE).toISOString(),
      to: new Date(to * MINUTE).toISOString(),
    });
    const response = await fetch(`${server.url}/api/v1/series?${query}`, {
      headers: { authorization: `Bearer ${readKey}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      series: { code: number; points: { t: string; count: number; spike: boolean }[] }[];
    };
    for (const point of body.series[0]!.points) {
      const minute = Date.parse(point.t) / MINUTE;
      expect(point.count, point.t).toBe(counts[minute - start]);
      if (point.spike) flagged.push(minute);
    }
  }
  return flagged;
}

describe("a real count series through HTTP", () => {
  it("is flagged on exactly the minutes the pure detector flags with the same spreading", async () => {
    const pure = detectSeries(counts, start);
    const expected = [...pure.spike.keys()].filter((i) => pure.spike[i]).map((i) => start + i);
    // CRM's two labelled surges are found by the pure detector: the comparison is not of nothing.
    expect(expected.length).toBeGreaterThan(10);
    expect(await flaggedMinutesFromApi()).toEqual(expected);
  }, 120_000);
});
