/**
 * Stored detector verdicts against a real database: what /series serves from them must equal a
 * fresh replay of the detector over every minute of the code, also after late events, and the
 * background loop must keep them current without doing work twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { detectSeries, rollUp } from "@/lib/detect";
import { HOURLY_CHECKPOINT_HOURS, SETTLE_MINUTES } from "@/lib/detection/advance";
import { mergeAggregateDeltas } from "@/lib/telemetry/aggregates";
import { ORIGIN, startIngestFixture, type IngestFixture } from "@/test/support/app";

let fixture: IngestFixture;
let readKey: string;
let postEvents: typeof import("@/app/api/v1/events/route").POST;
let getSeries: typeof import("@/app/api/v1/series/route").GET;
let runDetectorTick: typeof import("./loop").runDetectorTick;
let pool: import("pg").Pool;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const nowMs = Date.now();
const nowMinute = Math.floor(nowMs / MINUTE);
const firstMinute = nowMinute - 3 * 1440;
/** A surge of code 50502, 30 hours ago, for ten minutes. */
const surgeStart = Math.floor((nowMinute - 30 * 60) / 60) * 60 + 20;

/** 1–3 events a minute of 50502 for three days, with a surge; a little 1006 every 7th minute. */
function history(): { code: number; timestamp: number }[] {
  const events: { code: number; timestamp: number }[] = [];
  for (let m = firstMinute; m < nowMinute; m++) {
    const n = 1 + (m % 3) + (m >= surgeStart && m < surgeStart + 10 ? 60 : 0);
    for (let i = 0; i < n; i++) events.push({ code: 50502, timestamp: m * MINUTE + i * 100 });
    if (m % 7 === 0) events.push({ code: 1006, timestamp: m * MINUTE + 30_000 });
  }
  return events;
}

async function send(events: { code: number; timestamp: number }[]) {
  for (let i = 0; i < events.length; i += 5000) {
    const response = await postEvents(
      new Request(`${ORIGIN}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${fixture.key}`, "content-type": "application/json" },
        body: JSON.stringify({ events: events.slice(i, i + 5000) }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(202);
  }
}

interface Body {
  series: {
    code: number;
    points: { t: string; count: number; expected: number; upper: number | null; spike: boolean }[];
  }[];
  spikes: { code: number; start: string; end: string; peak: number }[];
}

async function series(query: string): Promise<Body> {
  const response = await getSeries(
    new Request(`${ORIGIN}/api/v1/series?${query}`, {
      headers: { authorization: `Bearer ${readKey}` },
    }),
    { params: Promise.resolve({}) },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Body;
}

/** The truth: the detector replayed over every minute of the code, counted from raw events. */
async function replayFromRaw(code: number, step: number) {
  const { rows } = await fixture.sql.query<{ m: number; n: number }>(
    `SELECT (extract(epoch FROM date_trunc('minute', occurred_at)) / 60)::int AS m, count(*)::int AS n
     FROM event WHERE project_id = $1 AND code = $2 GROUP BY 1`,
    [fixture.projectId, code],
  );
  const start = Math.min(...rows.map((r) => r.m));
  const counts = new Float64Array(nowMinute + 1 - start);
  for (const r of rows) counts[r.m - start] = r.n;
  return rollUp(detectSeries(counts, start), step);
}

function expectSameAsReplay(body: Body, truth: ReturnType<typeof rollUp>, atLeast = 21) {
  const byStart = new Map(truth.buckets.map((b) => [b.startMinute, b]));
  let compared = 0;
  for (const point of body.series[0]!.points) {
    const expected = byStart.get(new Date(point.t).getTime() / MINUTE);
    // The current bucket grows with the clock while the test runs: the replay stops at load time.
    if (!expected || expected.startMinute + truth.bucketMinutes > nowMinute) continue;
    compared++;
    expect(point.count, point.t).toBe(expected.count);
    expect(point.expected, point.t).toBeCloseTo(expected.expected, 1);
    expect(point.spike, point.t).toBe(expected.spike);
    if (Number.isFinite(expected.upper))
      expect(point.upper, point.t).toBeCloseTo(expected.upper, 1);
    else expect(point.upper, point.t).toBeNull();
  }
  expect(compared).toBeGreaterThanOrEqual(atLeast);
}

const hourRange = () => {
  const to = new Date(Math.ceil(nowMs / HOUR) * HOUR);
  return `from=${new Date(to.getTime() - 4 * 86_400_000).toISOString()}&to=${to.toISOString()}`;
};

beforeAll(async () => {
  fixture = await startIngestFixture({ env: { CW_INGEST_REQUESTS_PER_SECOND: "10000" } });
  readKey = await fixture.createKey(["read"]);
  postEvents = (await import("@/app/api/v1/events/route")).POST;
  getSeries = (await import("@/app/api/v1/series/route")).GET;
  runDetectorTick = (await import("./loop")).runDetectorTick;
  const { poolOf } = await import("@/lib/db/client");
  const { getDb } = await import("@/lib/db/server");
  pool = poolOf(await getDb());
  await send(history());
});

afterAll(async () => {
  await fixture?.close();
});

describe("stored detector verdicts", () => {
  it("marks backfilled minutes as late, when their counts are merged", async () => {
    await mergeAggregateDeltas(fixture.sql);
    const { rows } = await fixture.sql.query(
      `SELECT code, min(minute) AS first FROM detector_late WHERE project_id = $1 GROUP BY code`,
      [fixture.projectId],
    );
    expect(rows.map((r) => r.code).sort()).toEqual([1006, 50502]);
  });

  it("the loop judges every code with events, once, and keeps midnight and recent hourly checkpoints", async () => {
    // First up to half past an hour an hour ago, then the rest: the half-judged hour's stored
    // row must grow by the second half, not be replaced by it.
    const halfPast = Math.floor((nowMinute - 60) / 60) * 60 + 30;
    const first = await runDetectorTick(pool, { nowMs: (halfPast + SETTLE_MINUTES) * MINUTE });
    expect(first.codes).toBe(2);
    expect(first.minutesJudged).toBeGreaterThan(2 * 3 * 1440 - 300);
    const rest = await runDetectorTick(pool, { nowMs });
    expect(rest.minutesJudged).toBe(2 * (nowMinute - SETTLE_MINUTES - halfPast));
    const again = await runDetectorTick(pool, { nowMs });
    expect(again.minutesJudged).toBe(0);
    // Midnights only, but every hour within HOURLY_CHECKPOINT_HOURS of the judged end: the
    // first tick's hourly ones that fell out of that window were pruned by the second.
    const { rows } = await fixture.sql.query<{ m: number }>(
      `SELECT (extract(epoch FROM minute) / 60)::int AS m FROM detector_checkpoint
       WHERE project_id = $1 AND code = 50502 ORDER BY minute`,
      [fixture.projectId],
    );
    const end = nowMinute - SETTLE_MINUTES;
    const hourlyFrom = end - HOURLY_CHECKPOINT_HOURS * 60;
    const expected: number[] = [];
    for (let m = Math.ceil((firstMinute + 1) / 1440) * 1440; m < end; m += 60) {
      if (m % 1440 === 0 || m >= hourlyFrom) expected.push(m);
    }
    expect(rows.map((r) => r.m)).toEqual(expected);
    const late = await fixture.sql.query(`SELECT count(*)::int AS n FROM detector_late`);
    expect(late.rows[0].n).toBe(0);
  });

  it("hourly series equal a replay of the detector over the raw events", async () => {
    const body = await series(`codes=50502&interval=1h&${hourRange()}`);
    expectSameAsReplay(body, await replayFromRaw(50502, 60));
    const surge = body.spikes.find((s) => s.code === 50502);
    expect(surge?.peak).toBe(63);
    expect(new Date(surge!.start).getTime()).toBe(Math.floor(surgeStart / 60) * HOUR);
  });

  it("a minute series of the last hours, replayed from an hourly checkpoint, agrees too", async () => {
    const to = new Date(nowMinute * MINUTE);
    const from = new Date((nowMinute - 150) * MINUTE);
    const minutes = await series(
      `codes=50502&interval=1m&from=${from.toISOString()}&to=${to.toISOString()}`,
    );
    expectSameAsReplay(minutes, await replayFromRaw(50502, 1), 140);
  });

  it("minute and daily series agree with the same replay", async () => {
    const to = new Date((surgeStart + 120) * MINUTE);
    const from = new Date((surgeStart - 120) * MINUTE);
    const minutes = await series(
      `codes=50502&interval=1m&from=${from.toISOString()}&to=${to.toISOString()}`,
    );
    expectSameAsReplay(minutes, await replayFromRaw(50502, 1));
    expect(minutes.series[0]!.points.filter((p) => p.spike).length).toBeGreaterThanOrEqual(8);
    const days = await series(`codes=50502,1006&interval=1d&${hourRange()}`);
    expect(days.series.map((s) => s.code)).toEqual([50502, 1006]);
    // Day by day, not only in total: a day cut at the wrong hour must show.
    expectSameAsReplay(days, await replayFromRaw(50502, 1440), 3);
  });

  it("late events for judged hours rewind the detector, and the series shows them", async () => {
    // Two hours ago, well judged: a burst the phones send only now.
    const late = nowMinute - 120;
    await send(
      Array.from({ length: 300 }, (_, i) => ({ code: 50502, timestamp: late * MINUTE + i * 150 })),
    );
    const body = await series(`codes=50502&interval=1h&${hourRange()}`);
    expectSameAsReplay(body, await replayFromRaw(50502, 60));
    const hour = body.series[0]!.points.find(
      (p) => new Date(p.t).getTime() === Math.floor(late / 60) * HOUR,
    );
    expect(hour!.count).toBeGreaterThanOrEqual(300);
    const marks = await fixture.sql.query(`SELECT count(*)::int AS n FROM detector_late`);
    expect(marks.rows[0].n).toBe(0);
  });

  it("a read does not redo work the stored state already holds", async () => {
    const before = await fixture.sql.query(
      `SELECT updated_at FROM detector_state WHERE project_id = $1 AND code = 50502`,
      [fixture.projectId],
    );
    await series(`codes=50502&interval=1h&${hourRange()}`);
    const after = await fixture.sql.query(
      `SELECT updated_at FROM detector_state WHERE project_id = $1 AND code = 50502`,
      [fixture.projectId],
    );
    expect(after.rows[0].updated_at).toEqual(before.rows[0].updated_at);
  });

  it("a detector that ran with other settings is replayed from the code's first minute", async () => {
    await fixture.sql.query(
      `UPDATE detector_state SET settings = '[["sensitivity","another"]]' WHERE code = 1006`,
    );
    const tick = await runDetectorTick(pool, { nowMs });
    expect(tick.codes).toBe(1);
    expect(tick.minutesJudged).toBeGreaterThan(3 * 1440 - 300);
    const { rows } = await fixture.sql.query(
      `SELECT settings FROM detector_state WHERE code = 1006 AND project_id = $1`,
      [fixture.projectId],
    );
    expect(rows[0].settings).toContain("jointTail");
  });
});
