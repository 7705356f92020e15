/**
 * A code new to a project: 50502 surges in a project that has reported other codes for hours but
 * never 50502. Read back from GET /api/v1/series, its surge is a spike within three minutes,
 * both when judged on the spot (before the loop ran) and from the stored verdicts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { judgedEnd } from "@/lib/detection/advance";
import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";

const MINUTE = 60_000;

let fixture: IngestFixture;
let server: RouteServer;
let readKey: string;
let surgeStart: number;

async function send(events: { code: number; timestamp: number }[]) {
  const response = await fetch(`${server.url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${fixture.key}`, "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  expect(response.status).toBe(202);
}

async function firstSpikeMinute(): Promise<number | undefined> {
  const query = new URLSearchParams({
    codes: "50502",
    interval: "1m",
    from: new Date((surgeStart - 60) * MINUTE).toISOString(),
    to: new Date((surgeStart + 20) * MINUTE).toISOString(),
  });
  const response = await fetch(`${server.url}/api/v1/series?${query}`, {
    headers: { authorization: `Bearer ${readKey}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { series: { points: { t: string; spike: boolean }[] }[] };
  const first = body.series[0]!.points.find((p) => p.spike);
  return first ? Date.parse(first.t) / MINUTE : undefined;
}

beforeAll(async () => {
  fixture = await startIngestFixture({ env: { CW_INGEST_REQUESTS_PER_SECOND: "10000" } });
  readKey = await fixture.createKey(["read"]);
  const { POST } = await import("@/app/api/v1/events/route");
  const { GET } = await import("@/app/api/v1/series/route");
  server = await serveRoutes({ "POST /api/v1/events": POST, "GET /api/v1/series": GET });
  // Three hours of 1006 (2 a minute), then 50502 at 40 a minute for ten minutes, all settled.
  surgeStart = judgedEnd(Date.now()) - 15;
  const history = [];
  for (let m = surgeStart - 180; m < surgeStart + 10; m++) {
    history.push({ code: 1006, timestamp: m * MINUTE }, { code: 1006, timestamp: m * MINUTE + 1 });
  }
  await send(history);
  const surge = [];
  for (let m = surgeStart; m < surgeStart + 10; m++) {
    for (let k = 0; k < 40; k++) surge.push({ code: 50502, timestamp: m * MINUTE + k });
  }
  await send(surge);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await fixture?.close();
});

describe("a code never seen before in a project", () => {
  it("is a spike within three minutes of its first surge, on the spot and once stored", async () => {
    const onTheSpot = await firstSpikeMinute();
    expect(onTheSpot).toBeDefined();
    expect(onTheSpot! - surgeStart).toBeLessThan(3);

    const { runDetectorTick } = await import("./loop");
    const { poolOf } = await import("@/lib/db/client");
    const { getDb } = await import("@/lib/db/server");
    await runDetectorTick(poolOf(await getDb()));
    const { rows } = await fixture.sql.query(
      `SELECT count(*)::int AS n FROM detector_state WHERE project_id = $1 AND code = 50502`,
      [fixture.projectId],
    );
    expect(rows[0].n).toBe(1);
    expect(await firstSpikeMinute()).toBe(onTheSpot);
  });
});
