/** top and breakdown against a real database: they must equal recounts from the raw events. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ORIGIN, startIngestFixture, type IngestFixture } from "@/test/support/app";

let fixture: IngestFixture;
let readKey: string;
let otherKey: string;
let routes: {
  top: typeof import("@/app/api/v1/top/route");
  breakdown: typeof import("@/app/api/v1/breakdown/route");
  series: typeof import("@/app/api/v1/series/route");
};
const HOUR = 3_600_000;
const now = Date.now();
const to = new Date(Math.floor(now / HOUR) * HOUR + HOUR);
const from = new Date(to.getTime() - 6 * HOUR);

beforeAll(async () => {
  fixture = await startIngestFixture({ env: { CW_INGEST_REQUESTS_PER_SECOND: "10000" } });
  readKey = await fixture.createKey(["read"]);
  otherKey = await fixture.createKey(["read"], "elsewhere");
  const events = (await import("@/app/api/v1/events/route")).POST;
  const codes = [50502, 50503, 10202, 1006];
  const hosts = ["a1.example.com", "a2.example.com", "m1.example.com"];
  // The last hours (the range) and two to five days ago (the baseline), mixed.
  for (let batch = 0; batch < 8; batch++) {
    const body = {
      events: Array.from({ length: 300 }, (_, i) => {
        const inRange = batch < 5;
        const ago = inRange
          ? ((batch * 300 + i) % 300) * 60_000
          : (2 + (i % 3)) * 86_400_000 + i * 1000;
        return {
          code: codes[(batch + i) % codes.length],
          timestamp: now - ago,
          host: inRange && i % 2 ? "a1.example.com" : hosts[i % hosts.length],
          apiLevel: 21 + (i % 10),
        };
      }),
    };
    const response = await events(
      new Request(`${ORIGIN}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${fixture.key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(202);
  }
  // Code 50516: a light background for three hours, then a surge in the last 12 minutes.
  const surge = [
    ...Array.from({ length: 180 }, (_, i) => ({ code: 50516, timestamp: now - (15 + i) * 60_000 })),
    ...Array.from({ length: 12 * 60 }, (_, i) => ({
      code: 50516,
      timestamp: now - (1 + (i % 12)) * 60_000 - (i % 50) * 100,
    })),
  ];
  const posted = await events(
    new Request(`${ORIGIN}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${fixture.key}`, "content-type": "application/json" },
      body: JSON.stringify({ events: surge }),
    }),
    { params: Promise.resolve({}) },
  );
  expect(posted.status).toBe(202);
  routes = {
    top: await import("@/app/api/v1/top/route"),
    breakdown: await import("@/app/api/v1/breakdown/route"),
    series: await import("@/app/api/v1/series/route"),
  };
});

afterAll(async () => {
  await fixture?.close();
});

async function get(
  handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>,
  path: string,
  key = readKey,
) {
  return handler(new Request(`${ORIGIN}${path}`, { headers: { authorization: `Bearer ${key}` } }), {
    params: Promise.resolve({}),
  });
}

const range = () => `from=${from.toISOString()}&to=${to.toISOString()}`;

describe("GET /api/v1/top", () => {
  it("ranks codes by count, with the previous equal period, equal to a recount of raw events", async () => {
    const response = await get(routes.top.GET, `/api/v1/top?${range()}&limit=10`);
    expect(response.status).toBe(200);
    const body = await response.json();
    const recount = await fixture.sql.query(
      `SELECT code, count(*) FILTER (WHERE occurred_at >= $1)::int AS count,
              count(*) FILTER (WHERE occurred_at < $1)::int AS previous
       FROM event WHERE project_id = $3 AND occurred_at >= $1::timestamptz - ($2::timestamptz - $1::timestamptz) AND occurred_at < $2
       GROUP BY code HAVING count(*) FILTER (WHERE occurred_at >= $1) > 0 ORDER BY count DESC, code`,
      [from, to, fixture.projectId],
    );
    expect(
      body.codes.map((c: { code: number; count: number; previousCount: number }) => [
        c.code,
        c.count,
        c.previousCount,
      ]),
    ).toEqual(recount.rows.map((r) => [r.code, r.count, r.previous]));
    expect(body.codes[0].count).toBeGreaterThanOrEqual(body.codes[1].count);
    expect(body.previousTo).toBe(from.toISOString());
    // Totals of every code, and when each code was first reported (new codes stand out).
    expect(body.total).toBe(recount.rows.reduce((sum, r) => sum + r.count, 0));
    const previousTotal = await fixture.sql.query(
      `SELECT count(*)::int AS n FROM event WHERE project_id = $3
         AND occurred_at >= $1::timestamptz - ($2::timestamptz - $1::timestamptz) AND occurred_at < $1`,
      [from, to, fixture.projectId],
    );
    expect(body.previousTotal).toBe(previousTotal.rows[0].n);
    const first = await fixture.sql.query(
      `SELECT code, date_trunc('minute', min(occurred_at)) AS first FROM event
       WHERE project_id = $1 GROUP BY code`,
      [fixture.projectId],
    );
    const firsts = new Map(first.rows.map((r) => [r.code, r.first.toISOString()]));
    for (const c of body.codes) expect(c.firstSeen, String(c.code)).toBe(firsts.get(c.code));
  });

  it("validates the range and the project", async () => {
    const bad = await get(
      routes.top.GET,
      `/api/v1/top?from=${to.toISOString()}&to=${from.toISOString()}`,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field)).toContain("query.to");
    expect(
      (await get(routes.top.GET, `/api/v1/top?from=yesterday&to=${to.toISOString()}`)).status,
    ).toBe(400);
    expect(
      (await get(routes.top.GET, `/api/v1/top?${range()}&project=fleet`, otherKey)).status,
    ).toBe(403);
  });
});

describe("GET /api/v1/breakdown", () => {
  it("splits a code by host with shares and baseline shares equal to a recount", async () => {
    const response = await get(
      routes.breakdown.GET,
      `/api/v1/breakdown?code=50502&dimension=host&${range()}`,
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    const recount = await fixture.sql.query(
      `SELECT host AS value, count(*)::int AS count FROM event
       WHERE project_id = $1 AND code = 50502 AND occurred_at >= $2 AND occurred_at < $3
       GROUP BY host ORDER BY count DESC, host`,
      [fixture.projectId, body.from, body.to],
    );
    expect(body.rows.map((r: { value: string; count: number }) => [r.value, r.count])).toEqual(
      recount.rows.map((r) => [r.value, r.count]),
    );
    const total = recount.rows.reduce((sum, r) => sum + r.count, 0);
    expect(body.total).toBe(total);
    const a1 = body.rows.find((r: { value: string }) => r.value === "a1.example.com");
    expect(a1.share).toBeCloseTo(a1.count / total, 3);
    // In the baseline the three hosts were even; now a1 dominates.
    expect(a1.baselineShare).toBeGreaterThan(0.2);
    expect(a1.baselineShare).toBeLessThan(0.45);
    expect(a1.share).toBeGreaterThan(a1.baselineShare);
  });

  it("names a wrong dimension", async () => {
    const response = await get(
      routes.breakdown.GET,
      `/api/v1/breakdown?code=50502&dimension=color&${range()}`,
    );
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { field: string }) => e.field)).toEqual([
      "query.dimension",
    ]);
  });
});

describe("GET /api/v1/series", () => {
  interface Point {
    t: string;
    count: number;
    expected: number;
    upper: number | null;
    spike: boolean;
  }
  const seriesOf = async (query: string) => {
    const response = await get(routes.series.GET, `/api/v1/series?${query}`);
    expect(response.status).toBe(200);
    return response.json() as Promise<{
      series: { code: number; points: Point[] }[];
      spikes: { code: number; start: string; end: string; peak: number; expected: number }[];
    }>;
  };

  it("has every minute of the range, zeros included, equal to a recount of raw events", async () => {
    const body = await seriesOf(`codes=50502&interval=1m&${range()}`);
    const points = body.series[0]!.points;
    expect(points).toHaveLength((to.getTime() - from.getTime()) / 60_000);
    expect(points.some((p) => p.count === 0)).toBe(true);
    const recount = await fixture.sql.query(
      `SELECT date_trunc('minute', occurred_at) AS t, count(*)::int AS n FROM event
       WHERE project_id = $1 AND code = 50502 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1`,
      [fixture.projectId, from, to],
    );
    const expected = new Map(recount.rows.map((r) => [new Date(r.t).toISOString(), r.n]));
    for (const point of points) expect(point.count, point.t).toBe(expected.get(point.t) ?? 0);
  });

  it("gives 5-minute and hourly buckets that add up to the minutes", async () => {
    const minutes = (await seriesOf(`codes=50502,50503&interval=1m&${range()}`)).series;
    for (const interval of ["5m", "1h"] as const) {
      const rolled = (await seriesOf(`codes=50502,50503&interval=${interval}&${range()}`)).series;
      expect(rolled.map((s) => s.code)).toEqual([50502, 50503]);
      const stepMs = (interval === "5m" ? 5 : 60) * 60_000;
      for (const [i, s] of rolled.entries()) {
        expect(s.points).toHaveLength((to.getTime() - from.getTime()) / stepMs);
        // Each bucket holds exactly the minutes that start inside it.
        for (const p of s.points) {
          const start = Date.parse(p.t);
          const inside = minutes[i]!.points.filter(
            (m) => Date.parse(m.t) >= start && Date.parse(m.t) < start + stepMs,
          );
          expect(p.count, `${interval} ${p.t}`).toBe(inside.reduce((sum, m) => sum + m.count, 0));
        }
      }
    }
  });

  it("flags the surge and lists it as a spike interval with its peak and expected value", async () => {
    const body = await seriesOf(`codes=50516&interval=1m&${range()}`);
    const points = body.series[0]!.points;
    const surgeStart = Date.now() - 13 * 60_000;
    expect(
      points.filter((p) => p.spike).every((p) => new Date(p.t).getTime() >= surgeStart - 60_000),
    ).toBe(true);
    expect(points.some((p) => p.spike)).toBe(true);
    const spike = body.spikes.find((s) => s.code === 50516);
    expect(spike?.peak).toBeGreaterThanOrEqual(40);
    expect(spike!.expected).toBeLessThan(spike!.peak / 4);
  });

  it("refuses a range with too many buckets, naming the interval", async () => {
    const response = await get(
      routes.series.GET,
      `/api/v1/series?codes=50502&interval=1m&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`,
    );
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { field: string }) => e.field)).toEqual([
      "query.interval",
    ]);
    expect((await get(routes.series.GET, `/api/v1/series?codes=abc&${range()}`)).status).toBe(400);
  });
});

describe("dimension filters", () => {
  const host = "host=a1.example.com";

  it("top counts only the matching events, equal to a filtered recount", async () => {
    const response = await get(routes.top.GET, `/api/v1/top?${range()}&${host}&apiLevel=21,22,23`);
    expect(response.status).toBe(200);
    const body = await response.json();
    const recount = await fixture.sql.query(
      `SELECT code, count(*)::int AS n FROM event
       WHERE project_id = $1 AND occurred_at >= $2 AND occurred_at < $3
         AND host = 'a1.example.com' AND api_level IN (21, 22, 23)
       GROUP BY code ORDER BY n DESC, code`,
      [fixture.projectId, from, to],
    );
    expect(body.codes.map((c: { code: number; count: number }) => [c.code, c.count])).toEqual(
      recount.rows.map((r) => [r.code, r.n]),
    );
    expect(recount.rows.length).toBeGreaterThan(0);
  });

  it("breakdown and series of a filtered slice equal recounts of it", async () => {
    const split = await (
      await get(
        routes.breakdown.GET,
        `/api/v1/breakdown?code=50502&dimension=apiLevel&${range()}&${host}`,
      )
    ).json();
    const byLevel = await fixture.sql.query(
      `SELECT api_level::text AS value, count(*)::int AS n FROM event
       WHERE project_id = $1 AND code = 50502 AND occurred_at >= $2 AND occurred_at < $3
         AND host = 'a1.example.com' GROUP BY 1 ORDER BY n DESC, value`,
      [fixture.projectId, split.from, split.to],
    );
    expect(split.rows.map((r: { value: string; count: number }) => [r.value, r.count])).toEqual(
      byLevel.rows.map((r) => [r.value, r.n]),
    );
    expect(split.total).toBe(byLevel.rows.reduce((sum, r) => sum + r.n, 0));

    const series = await (
      await get(routes.series.GET, `/api/v1/series?codes=50502&interval=1h&${range()}&${host}`)
    ).json();
    const hourly = await fixture.sql.query(
      `SELECT date_trunc('hour', occurred_at) AS t, count(*)::int AS n FROM event
       WHERE project_id = $1 AND code = 50502 AND occurred_at >= $2 AND occurred_at < $3
         AND host = 'a1.example.com' GROUP BY 1`,
      [fixture.projectId, from, to],
    );
    const expected = new Map(hourly.rows.map((r) => [new Date(r.t).toISOString(), r.n]));
    const points = series.series[0].points as { t: string; count: number }[];
    expect(points).toHaveLength(6);
    for (const point of points) expect(point.count, point.t).toBe(expected.get(point.t) ?? 0);
  });

  it("refuses a filtered range older than the raw events, naming from", async () => {
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const response = await get(
      routes.series.GET,
      `/api/v1/series?codes=50502&interval=1d&from=${old}&to=${to.toISOString()}&${host}`,
    );
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { field: string }) => e.field)).toEqual([
      "query.from",
    ]);
    const bad = await get(routes.top.GET, `/api/v1/top?${range()}&host=`);
    expect(bad.status).toBe(400);
  });
});
