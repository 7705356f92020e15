/**
 * Counts that are true the moment they are stored: for any range and interval, the series'
 * counts equal top's and a recount of the raw events right after the 2xx, for new and old codes
 * in new and old projects, whether or not the detector loop has run. Only verdicts may wait.
 */
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { mulberry32 } from "@/lib/simulate/traffic-model";
import { ORIGIN, startIngestFixture, type IngestFixture } from "@/test/support/app";

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;

const MINUTE = 60_000;
const INTERVALS = { "1m": 1, "5m": 5, "1h": 60, "1d": 1440 } as const;
type Interval = keyof typeof INTERVALS;

let fixture: IngestFixture;
let routes: { events: Handler; series: Handler; top: Handler };

interface Project {
  slug: string;
  id: string;
  ingestKey: string;
  readKey: string;
}

beforeAll(async () => {
  fixture = await startIngestFixture({ env: { CW_INGEST_REQUESTS_PER_SECOND: "100000" } });
  routes = {
    events: (await import("@/app/api/v1/events/route")).POST,
    series: (await import("@/app/api/v1/series/route")).GET,
    top: (await import("@/app/api/v1/top/route")).GET,
  };
});

afterAll(async () => {
  await fixture?.close();
});

async function newProject(): Promise<Project> {
  const slug = `p-${randomUUID().slice(0, 8)}`;
  const ingestKey = await fixture.createKey(["ingest"], slug);
  const readKey = await fixture.createKey(["read"], slug);
  const { rows } = await fixture.sql.query(`SELECT id FROM "Project" WHERE slug = $1`, [slug]);
  return { slug, id: rows[0].id, ingestKey, readKey };
}

async function ingest(project: Project, events: unknown[]): Promise<void> {
  for (let i = 0; i < events.length; i += 5_000) {
    const response = await routes.events(
      new Request(`${ORIGIN}/api/v1/events`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${project.ingestKey}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ events: events.slice(i, i + 5_000) }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(202);
    expect((await response.json()).rejected).toEqual([]);
  }
}

async function read(handler: Handler, project: Project, query: string) {
  const response = await handler(
    new Request(`${ORIGIN}/api/v1/x?${query}`, {
      headers: { authorization: `Bearer ${project.readKey}` },
    }),
    { params: Promise.resolve({}) },
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

interface Point {
  t: string;
  count: number;
  upper: number | null;
  verdict: "settled" | "provisional" | "none";
}

/** The series of `codes` as `{code: {bucket start (ms): point}}`. */
async function series(
  project: Project,
  codes: number[],
  range: { from: number; to: number },
  interval: Interval,
) {
  const body = await read(
    routes.series,
    project,
    `codes=${codes.join(",")}&interval=${interval}` +
      `&from=${new Date(range.from).toISOString()}&to=${new Date(range.to).toISOString()}`,
  );
  return new Map<number, Point[]>(
    body.series.map((s: { code: number; points: Point[] }) => [s.code, s.points]),
  );
}

/** Raw events of the project per code and bucket in [from, to): `code -> bucket ms -> n`. */
async function recount(project: Project, range: { from: number; to: number }, step: number) {
  const { rows } = await fixture.sql.query<{ code: number; b: string; n: number }>(
    `SELECT code, (floor(extract(epoch FROM occurred_at) / 60 / $4) * $4 * 60000)::bigint AS b,
            count(*)::int AS n
     FROM event WHERE project_id = $1 AND occurred_at >= $2 AND occurred_at < $3
     GROUP BY 1, 2`,
    [project.id, new Date(range.from), new Date(range.to), step],
  );
  const counts = new Map<number, Map<number, number>>();
  for (const row of rows) {
    if (!counts.has(row.code)) counts.set(row.code, new Map());
    counts.get(row.code)!.set(Number(row.b), row.n);
  }
  return counts;
}

/**
 * Series, top and a recount of the same bucket-aligned range agree, bucket by bucket and in
 * total, for every code with events in it.
 */
async function expectCountsAgree(
  project: Project,
  range: { from: number; to: number },
  interval: Interval,
  label: string,
) {
  const step = INTERVALS[interval];
  const raw = await recount(project, range, step);
  const top = await read(
    routes.top,
    project,
    `limit=200&from=${new Date(range.from).toISOString()}&to=${new Date(range.to).toISOString()}`,
  );
  const topCounts = new Map<number, number>(
    top.codes.map((c: { code: number; count: number }) => [c.code, c.count]),
  );
  const codes = [...raw.keys()].sort((a, b) => a - b);
  expect(
    [...topCounts.keys()].sort((a, b) => a - b),
    `${label}: top's codes`,
  ).toEqual(codes);
  if (codes.length === 0) return;
  const got = await series(project, codes, range, interval);
  for (const code of codes) {
    const points = got.get(code)!;
    expect(points, `${label}: every bucket of ${code}`).toHaveLength(
      (range.to - range.from) / (step * MINUTE),
    );
    const perBucket = Object.fromEntries(
      points.filter((p) => p.count > 0).map((p) => [Date.parse(p.t), p.count]),
    );
    expect(perBucket, `${label}: buckets of ${code}`).toEqual(Object.fromEntries(raw.get(code)!));
    const total = points.reduce((sum, p) => sum + p.count, 0);
    expect(total, `${label}: total of ${code} against top`).toBe(topCounts.get(code));
  }
}

/** A range of `buckets` whole buckets of `interval` ending with the one holding `endMs`. */
function rangeEndingAt(endMs: number, interval: Interval, buckets: number) {
  const size = INTERVALS[interval] * MINUTE;
  const to = Math.floor(endMs / size) * size + size;
  return { from: to - buckets * size, to };
}

const BUCKETS: Record<Interval, number> = { "1m": 180, "5m": 144, "1h": 72, "1d": 4 };

describe("counts do not wait for the detector", () => {
  it("shows a code first sent a moment ago in every interval, equal to top and a recount", async () => {
    const project = await newProject();
    const now = Date.now();
    await ingest(project, [
      { code: 7001, timestamp: now - 2_000 },
      { code: 7001, timestamp: now - 1_000 },
      { code: 7001, timestamp: now },
    ]);
    for (const interval of Object.keys(INTERVALS) as Interval[]) {
      const range = rangeEndingAt(now, interval, BUCKETS[interval]);
      const points = (await series(project, [7001], range, interval)).get(7001)!;
      expect(
        points.reduce((sum, p) => sum + p.count, 0),
        interval,
      ).toBe(3);
      // No stored verdict yet: the code's first hour has none to give.
      expect(new Set(points.map((p) => p.verdict)), interval).toEqual(new Set(["none"]));
      await expectCountsAgree(project, range, interval, `new code, ${interval}`);
    }
  });

  it("shows 10,000 events of code 1102 in a fresh project at once, at 1m, 5m and 1h", async () => {
    const project = await newProject();
    const now = Date.now();
    await ingest(
      project,
      Array.from({ length: 10_000 }, (_, i) => ({ code: 1102, timestamp: now - (i % 240) * 1000 })),
    );
    for (const interval of ["1m", "5m", "1h"] as const) {
      const range = rangeEndingAt(now, interval, 12);
      const points = (await series(project, [1102], range, interval)).get(1102)!;
      expect(
        points.reduce((sum, p) => sum + p.count, 0),
        interval,
      ).toBe(10_000);
    }
    const top = await read(
      routes.top,
      project,
      `from=${new Date(now - 3_600_000).toISOString()}&to=${new Date(now + MINUTE).toISOString()}`,
    );
    expect(top.codes).toEqual([expect.objectContaining({ code: 1102, count: 10_000 })]);
  });

  it("marks settled, provisional and missing verdicts of an old code", async () => {
    const project = await newProject();
    const now = Date.now();
    // Three days of a steady trickle, then a detector run as the background loop would.
    await ingest(
      project,
      Array.from({ length: 3 * 24 * 12 }, (_, i) => ({
        code: 50502,
        timestamp: now - i * 5 * MINUTE,
      })),
    );
    const { runDetectorTick } = await import("@/lib/detection/loop");
    const { poolOf } = await import("@/lib/db/client");
    const { getDb } = await import("@/lib/db/server");
    await runDetectorTick(poolOf(await getDb()), { nowMs: now });
    const range = rangeEndingAt(now + 10 * MINUTE, "1m", 60);
    const points = (await series(project, [50502], range, "1m")).get(50502)!;
    const verdictAt = (ms: number) => points.find((p) => Date.parse(p.t) === ms)!.verdict;
    const minute = Math.floor(now / MINUTE) * MINUTE;
    expect(verdictAt(minute - 30 * MINUTE)).toBe("settled");
    expect(verdictAt(minute - 2 * MINUTE)).toBe("provisional");
    expect(verdictAt(minute + 5 * MINUTE)).toBe("none");
    expect(points.find((p) => p.verdict === "none")?.upper).toBeNull();
    expect(points.filter((p) => p.verdict !== "none").every((p) => p.upper !== null)).toBe(true);
  });

  it("keeps series = top = recount through random ingests, late events, duplicates, detector runs and reads", async () => {
    const seed = 20261130;
    const random = mulberry32(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const now = Date.now();
    const old = await newProject();
    // The old project: two days of history of a few codes, judged by the detector loop.
    await ingest(
      old,
      Array.from({ length: 2_000 }, (_, i) => ({
        code: [50502, 1006, 10202][i % 3],
        timestamp: now - 30 * MINUTE - Math.floor(random() * 2 * 1440) * MINUTE,
        eventId: `old-${i}`,
      })),
    );
    const { runDetectorTick } = await import("@/lib/detection/loop");
    const { poolOf } = await import("@/lib/db/client");
    const { getDb } = await import("@/lib/db/server");
    const pool = poolOf(await getDb());
    await runDetectorTick(pool, { nowMs: now });
    const young = await newProject();
    const projects = [old, young];
    const sentIds: string[] = [];
    let newCode = 8_000;

    for (let step = 0; step < 60; step++) {
      const project = pick(projects);
      const action = random();
      const label = `seed ${seed} step ${step} (${project === old ? "old" : "new"} project)`;
      if (action < 0.15) {
        // A code never sent before, at the start of its surge: every event within the minute.
        const code = newCode++;
        await ingest(
          project,
          Array.from({ length: 1 + Math.floor(random() * 20) }, () => ({
            code,
            timestamp: Date.now() - Math.floor(random() * 30_000),
          })),
        );
      } else if (action < 0.45) {
        const codes = [50502, 1006, pick([newCode++, 10202])];
        const events = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, i) => {
          const kind = random();
          // Now, a late event (minutes to hours old), or a duplicate of one sent before.
          const ago =
            kind < 0.5 ? Math.floor(random() * 30_000) : Math.floor(random() * 36 * 60) * MINUTE;
          const duplicate = kind > 0.9 && sentIds.length > 0;
          const eventId = duplicate ? pick(sentIds) : `${label}-${i}`;
          if (!duplicate) sentIds.push(eventId);
          return { code: pick(codes), timestamp: Date.now() - ago, eventId };
        });
        await ingest(project, events);
      } else if (action < 0.55) {
        await runDetectorTick(pool);
      } else {
        const interval = pick(Object.keys(INTERVALS) as Interval[]);
        await expectCountsAgree(
          project,
          rangeEndingAt(Date.now(), interval, BUCKETS[interval]),
          interval,
          `${label}, ${interval}`,
        );
      }
    }
    // And at the end, every interval of both projects.
    for (const project of projects) {
      for (const interval of Object.keys(INTERVALS) as Interval[]) {
        await expectCountsAgree(
          project,
          rangeEndingAt(Date.now(), interval, BUCKETS[interval]),
          interval,
          `final, ${interval}`,
        );
      }
    }
  }, 180_000);

  it("cuts 1d buckets at local midnight in the zone asked for, equal to a recount by local day", async () => {
    const project = await newProject();
    const now = Date.now();
    // Four days of events every 7 minutes, so every local day has some near its edges.
    await ingest(
      project,
      Array.from({ length: (4 * 1440) / 7 }, (_, i) => ({
        code: 50502,
        timestamp: now - i * 7 * MINUTE,
      })),
    );
    const { dayBoundaries } = await import("@/lib/time/zone");
    // Shanghai (+8), New York (DST), Kolkata (+5:30: not on the hour, so minutes are replayed).
    for (const tz of ["Asia/Shanghai", "America/New_York", "Asia/Kolkata"]) {
      const bounds = dayBoundaries(tz, now - 3 * 86_400_000, now);
      const from = new Date(bounds[0]! * MINUTE).toISOString();
      const to = new Date(bounds.at(-1)! * MINUTE).toISOString();
      const body = await read(
        routes.series,
        project,
        `codes=50502&interval=1d&tz=${encodeURIComponent(tz)}&from=${from}&to=${to}`,
      );
      expect(body.tz).toBe(tz);
      const points = body.series[0].points as Point[];
      expect(
        points.map((p) => Date.parse(p.t) / MINUTE),
        tz,
      ).toEqual(bounds.slice(0, -1));
      const { rows } = await fixture.sql.query<{ day: Date; n: number }>(
        `SELECT date_trunc('day', occurred_at AT TIME ZONE $2) AT TIME ZONE $2 AS day,
                count(*)::int AS n
         FROM event WHERE project_id = $1 AND occurred_at >= $3 AND occurred_at < $4
         GROUP BY 1 ORDER BY 1`,
        [project.id, tz, from, to],
      );
      expect(
        Object.fromEntries(points.filter((p) => p.count > 0).map((p) => [p.t, p.count])),
        tz,
      ).toEqual(Object.fromEntries(rows.map((r) => [r.day.toISOString(), r.n])));
    }
  });

  it("refuses a time zone that is not an IANA name, naming tz", async () => {
    const project = await newProject();
    const response = await routes.series(
      new Request(
        `${ORIGIN}/api/v1/series?interval=1d&tz=Mars%2FOlympus&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z`,
        { headers: { authorization: `Bearer ${project.readKey}` } },
      ),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([
      { field: "query.tz", message: "must be an IANA time zone, e.g. Asia/Shanghai or UTC" },
    ]);
  });
  it("ranks over ragged hour edges equal to a recount, the hourly roll-up equal to the minutes", async () => {
    const project = await newProject();
    const now = Date.now();
    // Twelve hours of two codes, every 3 and 7 minutes, plus late events merged into old hours.
    await ingest(project, [
      ...Array.from({ length: 240 }, (_, i) => ({ code: 50502, timestamp: now - i * 3 * MINUTE })),
      ...Array.from({ length: 103 }, (_, i) => ({ code: 1006, timestamp: now - i * 7 * MINUTE })),
    ]);
    await ingest(
      project,
      Array.from({ length: 30 }, (_, i) => ({ code: 50502, timestamp: now - (300 + i) * MINUTE })),
    );
    // Ranges of whole minutes: the aggregates count by the minute (the events are not aligned).
    const minute = Math.floor(now / MINUTE) * MINUTE;
    const ranges = [
      // Whole hours inside both periods, minutes at each ragged end.
      { from: minute - 4 * 60 * MINUTE - 17 * MINUTE, to: minute - 23 * MINUTE },
      // Both periods inside one hour or across one edge: minutes only.
      { from: minute - 29 * MINUTE, to: minute - 2 * MINUTE },
      // Hour-aligned edges.
      { from: Math.floor(now / 3_600_000) * 3_600_000 - 5 * 3_600_000, to: minute + MINUTE },
    ];
    for (const range of ranges) {
      const previousFrom = 2 * range.from - range.to;
      const top = await read(
        routes.top,
        project,
        `from=${new Date(range.from).toISOString()}&to=${new Date(range.to).toISOString()}`,
      );
      const { rows } = await fixture.sql.query<{ code: number; count: number; previous: number }>(
        `SELECT code, count(*) FILTER (WHERE occurred_at >= $2)::int AS count,
                count(*) FILTER (WHERE occurred_at < $2)::int AS previous
         FROM event WHERE project_id = $1 AND occurred_at >= $3 AND occurred_at < $4
         GROUP BY code HAVING count(*) FILTER (WHERE occurred_at >= $2) > 0 ORDER BY code`,
        [project.id, new Date(range.from), new Date(previousFrom), new Date(range.to)],
      );
      const label = `${new Date(range.from).toISOString()} – ${new Date(range.to).toISOString()}`;
      expect(
        top.codes
          .map((c: { code: number; count: number; previousCount: number }) => ({
            code: c.code,
            count: c.count,
            previous: c.previousCount,
          }))
          .sort((a: { code: number }, b: { code: number }) => a.code - b.code),
        label,
      ).toEqual(rows);
      expect(top.total, label).toBe(rows.reduce((sum, r) => sum + r.count, 0));
    }
    const rollUp = await fixture.sql.query(
      `SELECT m.code, m.hour, m.n, h.count::int AS rolled
       FROM (SELECT code, to_timestamp(floor(extract(epoch FROM minute) / 3600) * 3600) AS hour,
                    sum(count)::int AS n
             FROM event_minute WHERE project_id = $1 GROUP BY 1, 2) m
       FULL JOIN (SELECT * FROM event_hour WHERE project_id = $1) h
         ON h.code = m.code AND h.hour = m.hour
       WHERE m.n IS DISTINCT FROM h.count`,
      [project.id],
    );
    expect(rollUp.rows).toEqual([]);
  });
});
