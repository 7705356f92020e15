/**
 * `npm run bench:ingest`: sustained ingest through HTTP into the local PostgreSQL, with the
 * aggregates maintained, against a raw COPY of the same rows measured in the same run.
 *
 *   - a fresh database on DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432/postgres)
 *   - `next start` (production build, with the production V8 flags SERVER_NODE_FLAGS) serving
 *     POST /api/v1/events
 *   - 4 concurrent clients sending batches of 500 for --seconds (default 60), --runs times
 *     (default 3), from a load generator in its own process with bodies serialised before the
 *     timed window (load.ts), so that sending costs the measured machine almost nothing
 *   - COPY of the same number of rows into a bare table, --runs times
 * The server runs as in production, background loops included: the aggregate merge (every
 * second) and the spike detector (every minute). A run's time ends when every event it sent is in
 * the aggregates: what the merge had not taken when the clients stop is merged then, and counted.
 * Prints events/s, the ratio to COPY, request latency percentiles, the server's peak memory
 * (medians over runs) and the CPU time each event costs the server, PostgreSQL and the load
 * generator against what a COPY'd row costs (on a shared machine that moves less than the rates),
 * and writes them to bench/results/ingest-<time>.json.
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";

import pg from "pg";

import { createPrismaClient } from "../../lib/db/client";
import { applyMigrations, PROJECT_ROOT } from "../../lib/db/migrations";
import { mergeAggregateDeltas } from "../../lib/telemetry/aggregates";
import { createApiKey, createProject } from "../../lib/projects/repository";
import { step } from "../../scripts/commands/log";
import { copyRate } from "./copy-baseline";
import { sentEvents } from "./events";
import { postgresCpuSeconds, reapedChildrenCpuSeconds, treeCpuSeconds } from "../support/cpu";
import { median, percentile, runBench, startServer, withScratchDatabase } from "../support/server";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    runs: { type: "string", default: "3" },
    clients: { type: "string", default: "4" },
    batch: { type: "string", default: "500" },
    port: { type: "string", default: "3311" },
    /** Extra Node.js options for the server, e.g. --cpu-prof, to look inside it. */
    "server-node-arg": { type: "string", multiple: true, default: [] },
  },
});
const SECONDS = Number(args.seconds);
const RUNS = Number(args.runs);
const CLIENTS = Number(args.clients);
const BATCH = Number(args.batch);
const PORT = Number(args.port);

async function rssOfTree(pid: number): Promise<number> {
  // The server process and its children (next start may fork a worker).
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, "utf8").catch(() => ""))
    .split(" ")
    .filter(Boolean)
    .map(Number);
  const own =
    Number(
      /VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, "utf8").catch(() => ""))?.[1] ??
        0,
    ) * 1024;
  const nested = await Promise.all(children.map(rssOfTree));
  return own + nested.reduce((a, b) => a + b, 0);
}

/** CPU seconds per 1,000 events, as milliseconds. */
const msPerThousand = (seconds: number, events: number) =>
  Number(((seconds * 1000 * 1000) / events).toFixed(1));

/**
 * One timed run, driven by the load generator in its own process (load.ts), then the merge of
 * whatever aggregate counts are still waiting, timed as part of the run.
 */
async function httpRun(
  server: { url: string; pid: number },
  sql: pg.Client,
  key: string,
  runIndex: number,
  now: number,
) {
  const before = {
    server: await treeCpuSeconds(server.pid),
    postgres: await postgresCpuSeconds(),
    generator: await reapedChildrenCpuSeconds(),
  };
  const url = server.url;
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      `${PROJECT_ROOT}/bench/ingest/load.ts`,
      ...["--url", url, "--key", key, "--seconds", String(SECONDS), "--clients", String(CLIENTS)],
      ...["--batch", String(BATCH), "--run", String(runIndex), "--now", String(now)],
    ],
    { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  const result = JSON.parse(output) as { events: number; seconds: number; latencies: number[] };
  const backlog = Number(
    (await sql.query<{ n: string }>(`SELECT count(*) AS n FROM aggregate_delta`)).rows[0]!.n,
  );
  const drainStart = performance.now();
  await mergeAggregateDeltas(sql);
  const drainSeconds = (performance.now() - drainStart) / 1000;
  const cpu = {
    server: (await treeCpuSeconds(server.pid)) - before.server,
    postgres: (await postgresCpuSeconds()) - before.postgres,
    generator: (await reapedChildrenCpuSeconds()) - before.generator,
  };
  return {
    eventsPerSecond: result.events / (result.seconds + drainSeconds),
    events: result.events,
    latencies: result.latencies,
    backlog,
    drainSeconds,
    cpuMsPerThousand: {
      server: msPerThousand(cpu.server, result.events),
      postgres: msPerThousand(cpu.postgres, result.events),
      generator: msPerThousand(cpu.generator, result.events),
      total: msPerThousand(cpu.server + cpu.postgres + cpu.generator, result.events),
    },
  };
}

async function main() {
  await withScratchDatabase("cw_bench", async (url, name) => {
    step(`bench: database ${name}`);
    await benchmark(url);
  });
}

async function benchmark(url: string) {
  let stop: (() => Promise<void>) | undefined;
  let sql: pg.Client | undefined;
  try {
    await applyMigrations(url);
    const db = createPrismaClient(url, 2);
    await createProject(db, { slug: "bench" });
    const key = (await createApiKey(db, { projectSlug: "bench", scopes: ["ingest"] })).key;
    await db.$disconnect();

    // The background loops run, as in production: the aggregates are merged by them.
    const server = await startServer(
      url,
      PORT,
      { CW_INGEST_REQUESTS_PER_SECOND: "100000" },
      args["server-node-arg"],
    );
    sql = new pg.Client({ connectionString: url });
    await sql.connect();
    stop = server.stop;
    const base = server.url;

    let peakRss = 0;
    const sampler = setInterval(async () => {
      peakRss = Math.max(peakRss, await rssOfTree(server.process.pid!));
    }, 250);

    const runs = [];
    const startedAt = Date.now();
    for (let run = 0; run < RUNS; run++) {
      step(
        `bench: HTTP run ${run + 1}/${RUNS}, ${CLIENTS} clients, batches of ${BATCH}, ${SECONDS} s`,
      );
      const result = await httpRun(
        { url: base, pid: server.process.pid! },
        sql,
        key,
        run,
        startedAt,
      );
      runs.push(result);
      step(
        `bench:   ${Math.round(result.eventsPerSecond)} events/s, p99 ${percentile(result.latencies, 99).toFixed(0)} ms, ` +
          `${result.backlog} batches left to merge (${(result.drainSeconds * 1000).toFixed(0)} ms), ` +
          `CPU ms per 1,000 events ${JSON.stringify(result.cpuMsPerThousand)}`,
      );
    }
    clearInterval(sampler);
    // The server's background loops must not run on PostgreSQL while COPY is measured.
    await sql.end();
    sql = undefined;
    await server.stop();
    stop = undefined;

    const sample = sentEvents(0, Math.min(runs[0]!.events, 400_000), BATCH, startedAt);
    step(`bench: COPY of ${sample.length} of the same rows into a bare table, ${RUNS} runs`);
    const copyCpuBefore = { postgres: await postgresCpuSeconds(), client: process.cpuUsage() };
    const copies = await copyRate(url, sample, RUNS);
    const copyClient = process.cpuUsage(copyCpuBefore.client);
    const copyRows = sample.length * RUNS;
    const copyCpu = {
      postgres: msPerThousand((await postgresCpuSeconds()) - copyCpuBefore.postgres, copyRows),
      client: msPerThousand((copyClient.user + copyClient.system) / 1e6, copyRows),
    };
    const ingestCpu = {
      server: median(runs.map((r) => r.cpuMsPerThousand.server)),
      postgres: median(runs.map((r) => r.cpuMsPerThousand.postgres)),
      generator: median(runs.map((r) => r.cpuMsPerThousand.generator)),
      total: median(runs.map((r) => r.cpuMsPerThousand.total)),
    };
    const copyCpuTotal = copyCpu.postgres + copyCpu.client;

    const latencies = runs.flatMap((r) => r.latencies);
    const ingest = median(runs.map((r) => r.eventsPerSecond));
    const copy = median(copies);
    const report = {
      date: new Date().toISOString(),
      settings: { seconds: SECONDS, runs: RUNS, clients: CLIENTS, batch: BATCH },
      ingestEventsPerSecond: runs.map((r) => Math.round(r.eventsPerSecond)),
      copyRowsPerSecond: copies.map(Math.round),
      medianIngestEventsPerSecond: Math.round(ingest),
      medianCopyRowsPerSecond: Math.round(copy),
      ratioToCopy: Number((ingest / copy).toFixed(3)),
      latencyMs: {
        p50: Math.round(percentile(latencies, 50)),
        p95: Math.round(percentile(latencies, 95)),
        p99: Math.round(percentile(latencies, 99)),
      },
      serverPeakRssMiB: Math.round(peakRss / 1024 / 1024),
      mergeBacklogBatches: runs.map((r) => r.backlog),
      cpuMsPerThousandEvents: { ingest: ingestCpu, copy: copyCpu },
      cpuCostRatio: Number((copyCpuTotal / ingestCpu.total).toFixed(3)),
    };
    console.log(JSON.stringify(report, null, 2));
    console.log(
      [
        "",
        "| figure | value | target |",
        "|---|---|---|",
        `| ingest over HTTP (median of ${RUNS} × ${SECONDS} s) | ${report.medianIngestEventsPerSecond} events/s | |`,
        `| COPY into a bare table (median of ${RUNS}) | ${report.medianCopyRowsPerSecond} rows/s | |`,
        `| ratio | ${(report.ratioToCopy * 100).toFixed(0)}% | ≥ 50% |`,
        `| request latency p50 / p95 / p99 | ${report.latencyMs.p50} / ${report.latencyMs.p95} / ${report.latencyMs.p99} ms | p99 < 500 ms |`,
        `| server peak memory (RSS) | ${report.serverPeakRssMiB} MiB | < 400 MB |`,
        `| CPU per 1,000 events: server / PostgreSQL / load generator | ${ingestCpu.server} / ${ingestCpu.postgres} / ${ingestCpu.generator} ms | |`,
        `| CPU per 1,000 COPY'd rows: PostgreSQL / client | ${copyCpu.postgres} / ${copyCpu.client} ms | |`,
        `| CPU cost of COPY / of ingest | ${(report.cpuCostRatio * 100).toFixed(0)}% | |`,
      ].join("\n"),
    );
    await mkdir(`${PROJECT_ROOT}/bench/results`, { recursive: true });
    await writeFile(
      `${PROJECT_ROOT}/bench/results/ingest-${Date.now()}.json`,
      JSON.stringify(report, null, 2),
    );
  } finally {
    await sql?.end();
    await stop?.();
  }
}

runBench(main);
