/**
 * `npm run bench:query`: how fast the statistics API answers over a month of telemetry.
 *
 *   1. a database of its own on the local PostgreSQL (`--database`, kept with `--keep` and
 *      reused when it already holds the events, so the queries can be re-measured cheaply),
 *   2. `--events` (default 10 million) over 29 days, sent by the simulator's backfill through
 *      the real HTTP API (`cw simulate --backfill-days 29`, its past 50502 incident included),
 *   3. VACUUM ANALYZE and CHECKPOINT (what autovacuum and the checkpointer would do after a bulk
 *      load), then the detectors brought up to date once (timed: the first catch-up),
 *   4. `--runs` (3) runs of `--requests` (100) requests, one at a time, of each read,
 *      interleaved: series of every code over 30 days by hour, series of one code over 24 hours
 *      by minute with the band, top over 24 hours, breakdown of one code over 7 days, and every
 *      request the overview makes at 24 hours and at 30 days (the open incidents and the likely
 *      causes of a spike among them) and the code page's events,
 *   5. the same answers computed by scanning the raw events, in the same run.
 * Prints p50/p95 per query (medians of the runs) against the 100 ms target and the ratio to the
 * raw scans, and
 * writes them to bench/results/query-<time>.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

import pg from "pg";

import { PROJECT_ROOT } from "../../lib/db/migrations";
import { runDetectorTick } from "../../lib/detection/loop";
import { mergeAggregateDeltas } from "../../lib/telemetry/aggregates";
import { createApiKey, createProject, getProjectBySlug } from "../../lib/projects/repository";
import { step } from "../../scripts/commands/log";
import { backfill } from "../support/simulate";
import {
  preparedDatabase,
  dropDatabase,
  median,
  percentile,
  runBench,
  startServer,
} from "../support/server";
import { rawBreakdown, rawSeries, rawTop } from "./raw";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "10000000" },
    requests: { type: "string", default: "100" },
    runs: { type: "string", default: "3" },
    "baseline-runs": { type: "string", default: "5" },
    database: { type: "string", default: "codewatch_bench_query" },
    keep: { type: "boolean", default: false },
    port: { type: "string", default: "3312" },
    // Extra node flags for the server, after the production ones (a later V8 flag wins).
    "server-node-arg": { type: "string", multiple: true, default: [] },
  },
});
const EVENTS = Number(args.events);
const REQUESTS = Number(args.requests);
const RUNS = Number(args.runs);
const BASELINE_RUNS = Number(args["baseline-runs"]);
const DAYS = 29;
const SLUG = "bench";
const HOUR = 3_600_000;
const DAY = 86_400_000;

async function timeRequests(url: string, key: string, n: number) {
  const latencies: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n + 5; i++) {
    const t0 = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    const body = await response.text();
    const elapsed = performance.now() - t0;
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body}`);
    if (i === 0) JSON.parse(body); // the answer must arrive intact, compressed or not
    bytes = body.length;
    // The first five warm the server's code paths and the database's cache.
    if (i >= 5) latencies.push(elapsed);
  }
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), bytes };
}

async function timeBaseline(run: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < BASELINE_RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function main() {
  const name = args.database!;
  const { url, db } = await preparedDatabase(name);
  const project = (await getProjectBySlug(db, SLUG)) ?? (await createProject(db, { slug: SLUG }));
  const ingestKey = (await createApiKey(db, { projectSlug: SLUG, scopes: ["ingest"] })).key;
  const readKey = (await createApiKey(db, { projectSlug: SLUG, scopes: ["read"] })).key;
  await db.$disconnect();
  const sql = new pg.Pool({ connectionString: url, max: 2 });

  // The detectors are advanced by this script (step 3), not by the server's minute loop, so
  // the load and the measurements are not mixed with background catch-up.
  const server = await startServer(
    url,
    Number(args.port),
    { CW_DISABLE_SCHEDULER: "1", CW_INGEST_REQUESTS_PER_SECOND: "100000" },
    args["server-node-arg"],
  );
  try {
    const stored = async () =>
      Number((await sql.query(`SELECT count(*) AS n FROM event`)).rows[0].n);
    let loadSeconds: number | undefined;
    let t0: number;
    if ((await stored()) < EVENTS * 0.9) {
      loadSeconds = await backfill(server.url, ingestKey, {
        events: EVENTS,
        days: DAYS,
        databaseUrl: url,
      });
    }
    const events = await stored();
    step(`bench: ${events.toLocaleString("en-US")} events stored`);
    // The server's background loops are off, so the aggregate counts of the load still wait in
    // aggregate_delta: merged now, as the merge loop would have done during the load, so that
    // ANALYZE below sees the aggregates whole.
    t0 = performance.now();
    const mergedBatches = await mergeAggregateDeltas(sql);
    const mergeSeconds = (performance.now() - t0) / 1000;
    step(
      `bench: merged ${mergedBatches} batches' aggregate counts in ${mergeSeconds.toFixed(1)} s`,
    );
    // What a production database does by itself after a bulk load (autovacuum and the
    // checkpointer), done now so the measurements do not share the machine with it; autovacuum
    // is off on the bench machine's PostgreSQL.
    t0 = performance.now();
    await sql.query("VACUUM ANALYZE");
    await sql.query("CHECKPOINT");
    step(`bench: VACUUM ANALYZE and CHECKPOINT ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    t0 = performance.now();
    const firstTick = await runDetectorTick(sql);
    const catchUpSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await runDetectorTick(sql);
    const steadyTickMs = performance.now() - t0;
    step(
      `bench: detector catch-up ${catchUpSeconds.toFixed(1)} s (${firstTick.minutesJudged.toLocaleString("en-US")} code-minutes), next tick ${steadyTickMs.toFixed(0)} ms`,
    );

    const now = Date.now();
    const hourEnd = new Date(Math.ceil(now / HOUR) * HOUR);
    const minuteEnd = new Date(Math.ceil(now / 60_000) * 60_000);
    const allCodes = (
      await sql.query<{ code: number }>(
        `SELECT code FROM event_minute WHERE project_id = $1 AND minute >= $2 GROUP BY code
         ORDER BY sum(count) DESC`,
        [project.id, new Date(now - 30 * DAY)],
      )
    ).rows.map((r) => r.code);
    const codeList = allCodes.join(",");
    const range = (from: Date, to: Date) => `from=${from.toISOString()}&to=${to.toISOString()}`;
    const month = range(new Date(hourEnd.getTime() - 30 * DAY), hourEnd);
    const day = range(new Date(minuteEnd.getTime() - DAY), minuteEnd);
    const week = range(new Date(hourEnd.getTime() - 7 * DAY), hourEnd);
    const api = (p: string) => `${server.url}/api/v1/${p}`;
    // What the overview asks for (components/dashboard/overview.tsx): at its default range (24 h,
    // by 5 minutes, in the viewer's zone) and at its longest preset (30 d, by hour).
    const busiest = allCodes.slice(0, 15).join(",");
    const dayBy5 = range(new Date(minuteEnd.getTime() - DAY), minuteEnd);
    const monthToNow = range(new Date(minuteEnd.getTime() - 30 * DAY), minuteEnd);
    const overview: { name: string; url: string; raw?: () => Promise<unknown> }[] = [
      { name: "overview 24 h: top 50 with totals", url: api(`top?limit=50&${dayBy5}`) },
      {
        name: "overview 24 h: series of the 15 busiest by 5 minutes",
        url: api(`series?codes=${busiest}&interval=5m&tz=Asia%2FShanghai&${dayBy5}`),
      },
      { name: "overview 24 h: spikes of every code", url: api(`spikes?${dayBy5}`) },
      { name: "overview 24 h: releases", url: api(`releases?${dayBy5}`) },
      { name: "overview: the catalogue", url: api("codes") },
      { name: "overview 30 d: top 50 with totals", url: api(`top?limit=50&${monthToNow}`) },
      {
        name: "overview 30 d: series of the 15 busiest by hour",
        url: api(`series?codes=${busiest}&interval=1h&tz=Asia%2FShanghai&${monthToNow}`),
      },
      { name: "overview 30 d: spikes of every code", url: api(`spikes?${monthToNow}`) },
      {
        name: "overview: the open incidents",
        url: api(`incidents?project=${SLUG}&status=open&limit=100`),
      },
      {
        name: "code page 24 h: 50502's newest events",
        url: api(`events?code=50502&limit=20&${dayBy5}`),
      },
    ];
    // The likely causes of a spike (components/dashboard/queries.ts, useDiagnosis): asked for
    // each code spiking now on the overview and for a code's latest spike on its page. Here the
    // latest 50502 spike of the month (the simulator's past incident), its window as the page
    // asks: from its start to a minute past its end, at most a day.
    const spikes = (await (
      await fetch(api(`spikes?${monthToNow}`), { headers: { authorization: `Bearer ${readKey}` } })
    ).json()) as { spikes: { code: number; start: string; end: string }[] };
    const surge = spikes.spikes.filter((s) => s.code === 50502).at(-1);
    if (surge) {
      const start = Date.parse(surge.start);
      const end = Math.min(Date.parse(surge.end) + 60_000, start + DAY);
      overview.push({
        name: "overview and code page: the likely causes of 50502's latest spike",
        url: api(`diagnosis?code=50502&${range(new Date(start), new Date(end))}`),
      });
    } else step("bench: no 50502 spike in the month, the diagnosis is not measured");
    const queries: { name: string; url: string; raw?: () => Promise<unknown> }[] = [
      {
        name: `series, all ${allCodes.length} codes, 30 days by hour`,
        url: api(`series?codes=${codeList}&interval=1h&${month}`),
        raw: () =>
          rawSeries(sql, project.id, allCodes, new Date(hourEnd.getTime() - 30 * DAY), hourEnd, 60),
      },
      {
        name: "series, 50502, 24 hours by minute",
        url: api(`series?codes=50502&interval=1m&${day}`),
        raw: () =>
          rawSeries(sql, project.id, [50502], new Date(minuteEnd.getTime() - DAY), minuteEnd, 1),
      },
      {
        name: "top, 24 hours",
        url: api(`top?limit=20&${day}`),
        raw: () => rawTop(sql, project.id, new Date(minuteEnd.getTime() - DAY), minuteEnd),
      },
      {
        name: "breakdown, 50502 by app version, 7 days",
        url: api(`breakdown?code=50502&dimension=appVersion&${week}`),
        raw: () =>
          rawBreakdown(sql, project.id, 50502, new Date(hourEnd.getTime() - 7 * DAY), hourEnd),
      },
      ...overview,
    ];

    const results = [];
    // Runs interleave the queries, so a disturbance on the shared machine lands in one run of
    // each rather than in all the requests of one; the table gives the median of the runs.
    const runs = queries.map(() => [] as Awaited<ReturnType<typeof timeRequests>>[]);
    for (let run = 0; run < RUNS; run++) {
      for (const [i, query] of queries.entries()) {
        const measured = await timeRequests(query.url, readKey, REQUESTS);
        runs[i]!.push(measured);
        step(
          `bench: run ${run + 1}/${RUNS}, ${query.name}: ${REQUESTS} requests, p50 ${measured.p50.toFixed(1)} ms, p95 ${measured.p95.toFixed(1)} ms`,
        );
      }
    }
    for (const [i, query] of queries.entries()) {
      if (query.raw) step(`bench: ${query.name}: raw scan`);
      const raw = query.raw ? await timeBaseline(query.raw) : undefined;
      const measured = runs[i]!;
      results.push({
        query: query.name,
        p50: median(measured.map((m) => m.p50)),
        p95: median(measured.map((m) => m.p95)),
        p95Runs: measured.map((m) => Number(m.p95.toFixed(1))),
        bytes: measured[0]!.bytes,
        rawMedianMs: raw,
      });
    }

    const report = {
      date: new Date().toISOString(),
      events,
      loadSeconds,
      detectorCatchUpSeconds: Number(catchUpSeconds.toFixed(1)),
      detectorSteadyTickMs: Math.round(steadyTickMs),
      requestsPerQuery: REQUESTS,
      runs: RUNS,
      baselineRuns: BASELINE_RUNS,
      queries: results.map((r) => ({
        query: r.query,
        p50Ms: Number(r.p50.toFixed(1)),
        p95Ms: Number(r.p95.toFixed(1)),
        p95MsPerRun: r.p95Runs,
        responseBytes: r.bytes,
        rawScanMedianMs: r.rawMedianMs === undefined ? null : Math.round(r.rawMedianMs),
        rawOverApiP50:
          r.rawMedianMs === undefined ? null : Number((r.rawMedianMs / r.p50).toFixed(1)),
      })),
    };
    console.log(JSON.stringify(report, null, 2));
    console.log(
      [
        "",
        `| query (medians of ${RUNS} runs × ${REQUESTS} requests) | p50 | p95 (target < 100 ms) | p95 per run | raw scan (median) | raw / p50 |`,
        "|---|---|---|---|---|---|",
        ...report.queries.map(
          (q) =>
            `| ${q.query} | ${q.p50Ms} ms | ${q.p95Ms} ms ${q.p95Ms < 100 ? "met" : "**missed**"} | ${q.p95MsPerRun.join(" / ")} | ${q.rawScanMedianMs === null ? "–" : `${q.rawScanMedianMs} ms`} | ${q.rawOverApiP50 === null ? "–" : `${q.rawOverApiP50}×`} |`,
        ),
      ].join("\n"),
    );
    await mkdir(path.join(PROJECT_ROOT, "bench", "results"), { recursive: true });
    await writeFile(
      path.join(PROJECT_ROOT, "bench", "results", `query-${Date.now()}.json`),
      JSON.stringify(report, null, 2),
    );
  } finally {
    await server.stop();
    await sql.end();
    if (!args.keep) await dropDatabase(name);
  }
}

runBench(main);
