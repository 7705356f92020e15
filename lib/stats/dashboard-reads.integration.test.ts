/**
 * The reads the dashboard adds to series and top, against a real database: every spike of every
 * code (a quiet code's surge included), release markers from the telemetry itself, and the
 * newest events of a code a page at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ORIGIN, startIngestFixture, type IngestFixture } from "@/test/support/app";

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;

const MINUTE = 60_000;
const now = Date.now();
const nowMinute = Math.floor(now / MINUTE);
const BUSY = [50502, 50503, 50504, 50505, 10202, 10203, 101, 102, 103, 104, 105, 106];
const QUIET = 1006;

let fixture: IngestFixture;
let readKey: string;
let routes: { series: Handler; spikes: Handler; releases: Handler; events: Handler };

async function send(events: object[]) {
  const post = (await import("@/app/api/v1/events/route")).POST;
  for (let i = 0; i < events.length; i += 5_000) {
    const response = await post(
      new Request(`${ORIGIN}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${fixture.key}`, "content-type": "application/json" },
        body: JSON.stringify({ events: events.slice(i, i + 5_000) }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(202);
  }
}

async function get(handler: Handler, query: string) {
  const response = await handler(
    new Request(`${ORIGIN}/api/v1/x?${query}`, { headers: { authorization: `Bearer ${readKey}` } }),
    { params: Promise.resolve({}) },
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

const range = (minutes: number) =>
  `from=${new Date((nowMinute - minutes) * MINUTE).toISOString()}` +
  `&to=${new Date((nowMinute + 1) * MINUTE).toISOString()}`;

beforeAll(async () => {
  fixture = await startIngestFixture({ env: { CW_INGEST_REQUESTS_PER_SECOND: "100000" } });
  readKey = await fixture.createKey(["read"]);
  routes = {
    series: (await import("@/app/api/v1/series/route")).GET,
    spikes: (await import("@/app/api/v1/spikes/route")).GET,
    releases: (await import("@/app/api/v1/releases/route")).GET,
    events: (await import("@/app/api/v1/events/route")).GET,
  };
  const events: object[] = [];
  // The quiet code surges twice, 60 a minute: two hours ago for ten minutes, and in the last
  // four minutes. Even then it stays below the busy codes over six hours (~870 against 1,080).
  const surges = [
    [nowMinute - 120, 10],
    [nowMinute - 4, 4],
  ] as const;
  const inSurge = (m: number) => surges.some(([start, length]) => m >= start && m < start + length);
  // Two days: twelve busy codes at 3 a minute; the quiet code at 1 every 10 minutes. App
  // version 5.2.1 throughout, 5.3.0 from 90 minutes ago.
  for (let m = nowMinute - 2 * 1_440; m < nowMinute; m++) {
    const appVersion = m >= nowMinute - 90 ? "5.3.0" : "5.2.1";
    for (const code of BUSY) {
      for (let k = 0; k < 3; k++)
        events.push({ code, timestamp: m * MINUTE + k * 1_000, appVersion });
    }
    if (m % 10 === 0 && !inSurge(m))
      events.push({ code: QUIET, timestamp: m * MINUTE, appVersion });
  }
  for (const [start, length] of surges) {
    for (let m = start; m < start + length; m++) {
      for (let k = 0; k < 60; k++) {
        events.push({ code: QUIET, timestamp: m * MINUTE + k * 500, appVersion: "5.3.0" });
      }
    }
  }
  await send(events);
  const { runDetectorTick } = await import("@/lib/detection/loop");
  const { poolOf } = await import("@/lib/db/client");
  const { getDb } = await import("@/lib/db/server");
  await runDetectorTick(poolOf(await getDb()), { nowMs: now });
});

afterAll(async () => {
  await fixture?.close();
});

describe("GET /api/v1/spikes", () => {
  it("lists the surges of a code /series leaves out as not among the ten busiest", async () => {
    const series = await get(routes.series, `interval=5m&${range(360)}`);
    expect(series.series.map((s: { code: number }) => s.code)).not.toContain(QUIET);
    expect(series.spikes.filter((s: { code: number }) => s.code === QUIET)).toEqual([]);

    const { spikes } = await get(routes.spikes, range(360));
    const quiet = spikes.filter((s: { code: number }) => s.code === QUIET);
    expect(quiet).toHaveLength(2);
    const [past, current] = quiet;
    // Minute precision for a six-hour range; the past surge settled, the current one judged on
    // the spot and still going on.
    // The detector needs two unusual minutes of three (no look-ahead): it flags the second.
    expect(Date.parse(past.start)).toBeGreaterThanOrEqual((nowMinute - 120) * MINUTE);
    expect(Date.parse(past.start)).toBeLessThanOrEqual((nowMinute - 119) * MINUTE);
    expect(Date.parse(past.end)).toBeGreaterThanOrEqual((nowMinute - 111) * MINUTE);
    expect(past).toMatchObject({ verdict: "settled", ongoing: false, peakPerMinute: 60 });
    expect(past.expectedPerMinute).toBeLessThan(5);
    expect(current).toMatchObject({ verdict: "provisional", ongoing: true, peakPerMinute: 60 });
    expect(Date.parse(current.start)).toBeGreaterThanOrEqual((nowMinute - 4) * MINUTE);
    // The busy codes never spiked.
    expect(spikes.every((s: { code: number }) => s.code === QUIET)).toBe(true);
  });

  it("gives the unit of a peak on hourly charts: per minute, not per bucket", async () => {
    const { spikes } = await get(routes.spikes, range(3 * 1_440));
    const past = spikes.find(
      (s: { code: number; ongoing: boolean }) => s.code === QUIET && !s.ongoing,
    );
    expect(past.peakPerMinute).toBe(60);
    const series = await get(routes.series, `codes=${QUIET}&interval=1h&${range(3 * 1_440)}`);
    const hour = series.series[0].points.find(
      (p: { t: string }) => Date.parse(p.t) === Math.floor((nowMinute - 120) / 60) * 60 * MINUTE,
    );
    expect(hour.count).toBeGreaterThan(past.peakPerMinute);
  });
});

describe("GET /api/v1/releases", () => {
  it("marks the first minute each app version appeared, equal to the raw events", async () => {
    const { releases } = await get(routes.releases, range(3 * 1_440));
    const { rows } = await fixture.sql.query(
      `SELECT app_version, date_trunc('minute', min(occurred_at)) AS first
       FROM event WHERE project_id = $1 GROUP BY 1 ORDER BY 2`,
      [fixture.projectId],
    );
    expect(releases).toEqual(
      rows.map((r) => ({ appVersion: r.app_version, firstSeen: r.first.toISOString() })),
    );
    expect(releases.at(-1)).toEqual({
      appVersion: "5.3.0",
      firstSeen: new Date((nowMinute - 120) * MINUTE).toISOString(),
    });
  });

  it("moves a version's first minute back when older events arrive late", async () => {
    await send([{ code: 101, timestamp: (nowMinute - 500) * MINUTE, appVersion: "5.3.0" }]);
    const { releases } = await get(routes.releases, range(3 * 1_440));
    expect(releases.find((r: { appVersion: string }) => r.appVersion === "5.3.0").firstSeen).toBe(
      new Date((nowMinute - 500) * MINUTE).toISOString(),
    );
  });
});

describe("GET /api/v1/events", () => {
  it("pages through a code's events newest first, none twice and none left out", async () => {
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    const since = `from=${new Date((nowMinute - 30) * MINUTE).toISOString()}`;
    do {
      const page = await get(
        routes.events,
        `code=${QUIET}&${since}&limit=200${before ? `&before=${encodeURIComponent(before)}` : ""}`,
      );
      for (const e of page.events) seen.push(`${e.occurredAt}|${e.receivedAt}`);
      expect(page.events[0]).toMatchObject({ code: QUIET, appVersion: "5.3.0" });
      before = page.next;
      pages++;
    } while (before && pages < 20);
    const { rows } = await fixture.sql.query(
      `SELECT count(*)::int AS n FROM event
       WHERE project_id = $1 AND code = $2 AND occurred_at >= $3`,
      [fixture.projectId, QUIET, new Date((nowMinute - 30) * MINUTE)],
    );
    expect(new Set(seen).size).toBeGreaterThan(0);
    expect(seen).toHaveLength(rows[0].n);
    expect([...seen].sort().reverse()).toEqual(seen);
    expect(pages).toBe(Math.ceil(rows[0].n / 200));
  });

  it("answers 400 for a cursor it did not make", async () => {
    const response = await routes.events(
      new Request(`${ORIGIN}/api/v1/events?code=1&before=yesterday`, {
        headers: { authorization: `Bearer ${readKey}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].field).toBe("query.before");
  });
});
