/**
 * `npm run bench:alert`: how long from a surge's first event to the page arriving, end to end,
 * with default settings: the production server (`next start`, its scheduler running the
 * detector loop and the 15-second alert cycle), real HTTP ingest, and a local webhook receiver
 * that checks the signature.
 *
 *   1. a scratch database on the local PostgreSQL; `--runs` (10) projects per variant, every
 *      project with its built-in rules and a signed webhook channel of its own,
 *   2. a week of history per project, sent through POST /api/v1/events:
 *        steady — 50502 at ~1.5 a minute (a daily swing of ±40%) from 3,000 phones,
 *        quiet  — 50502 at ~0.05 a minute (a code near zero),
 *        fresh  — 1006 at ~2 a minute and never a 50502 (a first-ever 50502),
 *   3. the server's detectors brought up to date (the loop, a minute at a time),
 *   4. each project's surge starts at a random instant over two minutes (so every phase of the
 *      15-second cycle is met): 50502 at ×50 the steady rate (75 a minute; the quiet variant
 *      ×50 its own, 2.5 a minute) from many phones, "Certificate expired" texts, sent as it
 *      happens (every 250 ms, the events that have occurred since),
 *   5. the delay per project: the webhook's arrival minus the surge's first event.
 * Prints median, 95th percentile and max per variant against the target (median ≤ 60 s,
 * p95 ≤ 120 s) and writes bench/results/alert-<time>.json.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";

import { createChannel } from "../../lib/alerts/channels";
import { createPrismaClient, poolOf } from "../../lib/db/client";
import { applyMigrations, PROJECT_ROOT } from "../../lib/db/migrations";
import { seedCatalog } from "../../lib/catalog/repository";
import { createApiKey, createProject } from "../../lib/projects/repository";
import { mulberry32, type Rng } from "../../lib/random";
import { samplePoisson } from "../../lib/simulate/traffic-model";
import { step } from "../../scripts/commands/log";
import { median, percentile, runBench, startServer, withScratchDatabase } from "../support/server";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    port: { type: "string", default: "3313" },
    "timeout-seconds": { type: "string", default: "300" },
  },
});
const RUNS = Number(args.runs);
const MINUTE = 60_000;
const SECRET = "bench-alert-secret";
const STEADY_RATE = 1.5;

type Variant = "steady" | "quiet" | "fresh";
const VARIANTS: { name: Variant; historyCode: number; historyRate: number; surgeRate: number }[] = [
  { name: "steady", historyCode: 50502, historyRate: STEADY_RATE, surgeRate: 50 * STEADY_RATE },
  { name: "quiet", historyCode: 50502, historyRate: 0.05, surgeRate: 50 * 0.05 },
  { name: "fresh", historyCode: 1006, historyRate: 2, surgeRate: 50 * STEADY_RATE },
];

interface Run {
  variant: Variant;
  slug: string;
  key: string;
  rng: Rng;
  surgeAt: number;
  firstEventAt?: number;
  pagedAt?: number;
  sentUpTo: number;
}

interface Event {
  code: number;
  timestamp: number;
  deviceId: string;
  exception: string;
  message: string;
  host: string;
}

function event(rng: Rng, code: number, atMs: number, devices: number): Event {
  const expired = code === 50502;
  return {
    code,
    timestamp: atMs,
    deviceId: `phone-${Math.floor(rng() * devices)}`,
    exception: expired ? "javax.net.ssl.SSLHandshakeException" : "java.net.SocketTimeoutException",
    message: expired
      ? `Certificate expired at ${new Date(atMs - 30_000).toUTCString()} (compared to ${new Date(atMs).toUTCString()})`
      : "timeout",
    host: `api${1 + Math.floor(rng() * 4)}.example.com`,
  };
}

/** Events of a Poisson process at `perMinute` (× a daily swing) in [fromMs, toMs). */
function poissonEvents(rng: Rng, code: number, perMinute: number, fromMs: number, toMs: number) {
  const events: Event[] = [];
  for (let m = fromMs; m < toMs; m += MINUTE) {
    const swing = 1 + 0.4 * Math.sin((2 * Math.PI * (m % 86_400_000)) / 86_400_000);
    const n = samplePoisson(rng, (perMinute * swing * (Math.min(toMs, m + MINUTE) - m)) / MINUTE);
    for (let i = 0; i < n; i++) {
      events.push(event(rng, code, m + Math.floor(rng() * Math.min(MINUTE, toMs - m)), 3_000));
    }
  }
  return events;
}

async function post(url: string, key: string, events: Event[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1_000) {
    let response: Response;
    for (;;) {
      response = await fetch(`${url}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ events: events.slice(i, i + 1_000) }),
      });
      // Busy (429/503): wait as told, as a client should, and send the same batch again.
      if (response.status !== 429 && response.status !== 503) break;
      await response.body?.cancel();
      const wait = Number(response.headers.get("retry-after") ?? "1");
      await new Promise((resolve) => setTimeout(resolve, wait * 1_000));
    }
    if (response.status !== 202) {
      throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    }
    await response.body?.cancel();
  }
}

/** A receiver that checks our webhook signature and notes when each project was first paged. */
async function startReceiver(runs: Map<string, Run>) {
  let badSignatures = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const at = Date.now();
      const body = Buffer.concat(chunks).toString("utf8");
      const timestamp = String(request.headers["x-codewatch-timestamp"] ?? "");
      const expected = `v1=${createHmac("sha256", SECRET).update(`${timestamp}.${body}`).digest("hex")}`;
      const given = String(request.headers["x-codewatch-signature"] ?? "");
      const ok =
        given.length === expected.length &&
        timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      if (!ok) badSignatures++;
      const message = JSON.parse(body) as {
        kind: string;
        incidents: { projectSlug: string; code: number }[];
      };
      if (ok && message.kind === "open") {
        for (const incident of message.incidents) {
          const run = runs.get(incident.projectSlug);
          if (run && incident.code === 50502 && run.pagedAt === undefined) run.pagedAt = at;
        }
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    badSignatures: () => badSignatures,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends what happened to `run`'s project since the last send: quiet traffic, then the surge. */
async function sendDue(url: string, run: Run, now: number): Promise<void> {
  const v = VARIANTS.find((x) => x.name === run.variant)!;
  const quietEnd = Math.min(now, run.surgeAt);
  const events =
    run.sentUpTo < quietEnd
      ? poissonEvents(run.rng, v.historyCode, v.historyRate, run.sentUpTo, quietEnd)
      : [];
  if (now > run.surgeAt) {
    const from = Math.max(run.sentUpTo, run.surgeAt);
    const surge = poissonEvents(run.rng, 50502, v.surgeRate, from, now).map((e) => ({
      ...e,
      deviceId: `surge-${Math.floor(run.rng() * 50_000)}`,
    }));
    if (surge.length > 0) run.firstEventAt ??= Math.min(...surge.map((e) => e.timestamp));
    events.push(...surge);
  }
  run.sentUpTo = now;
  if (events.length > 0) await post(url, run.key, events);
}

async function main() {
  await withScratchDatabase("cw_bench_alert", async (url) => {
    await applyMigrations(url);
    const db = createPrismaClient(url, 2);
    await seedCatalog(db);
    const runs = new Map<string, Run>();
    const receiver = await startReceiver(runs);
    for (const variant of VARIANTS) {
      for (let i = 0; i < RUNS; i++) {
        const slug = `${variant.name}-${i}`;
        const project = await createProject(db, { slug });
        // A channel per project: one shared by every project would (rightly) group surges that
        // start in several projects within minutes into one message.
        await createChannel(
          db,
          project.id,
          { name: "bench hook", type: "webhook", url: receiver.url, secret: SECRET },
          "bench",
        );
        const { key } = await createApiKey(db, { projectSlug: slug, scopes: ["ingest"] });
        runs.set(slug, {
          variant: variant.name,
          slug,
          key,
          rng: mulberry32(1_000 + runs.size),
          surgeAt: 0,
          sentUpTo: 0,
        });
      }
    }
    const server = await startServer(url, Number(args.port));
    try {
      const historyEnd = Date.now();
      step(`bench: a week of history for ${runs.size} projects`);
      for (const run of runs.values()) {
        const v = VARIANTS.find((x) => x.name === run.variant)!;
        await post(
          server.url,
          run.key,
          poissonEvents(
            run.rng,
            v.historyCode,
            v.historyRate,
            historyEnd - 7 * 1_440 * MINUTE,
            historyEnd,
          ),
        );
        run.sentUpTo = historyEnd;
      }
      // The server's detector loop runs a minute after start and then every minute: wait until
      // every code has a stored detector judged up to the last few minutes.
      step("bench: waiting for the detectors to catch up");
      for (let waited = 0; ; waited += 5_000) {
        const { rows } = await (
          await import("../../lib/db/client")
        )
          .poolOf(db)
          .query<{ n: string }>(
            `SELECT count(*) AS n FROM detector_state WHERE next_minute >= now() - interval '10 minutes'`,
          );
        if (Number(rows[0]!.n) >= runs.size) break;
        if (waited > 300_000) throw new Error("the detectors did not catch up within 5 minutes");
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
      // Quiet traffic goes on until each surge; surges begin over the next two minutes.
      const start = Date.now() + 10_000;
      const order = mulberry32(7);
      for (const run of runs.values()) run.surgeAt = start + Math.floor(order() * 2 * MINUTE);
      step(
        `bench: surges from ${new Date(start).toISOString()} over two minutes; waiting for the pages`,
      );
      const deadline = start + 2 * MINUTE + Number(args["timeout-seconds"]) * 1_000;
      // How long each alert cycle took while the surges were on (the server records it).
      const cycles = new Map<string, number>();
      const sampler = setInterval(() => {
        void poolOf(db)
          .query<{ at: Date; ms: number }>(
            `SELECT "lastRunAt" AS at, "durationMs" AS ms FROM "AlertCycle"`,
          )
          .then(({ rows }) => rows.forEach((r) => cycles.set(r.at.toISOString(), r.ms)))
          .catch(() => undefined);
      }, 1_000);
      while (Date.now() < deadline && [...runs.values()].some((r) => r.pagedAt === undefined)) {
        const now = Date.now();
        // One project after another: the phones of a real fleet do not all send at once.
        for (const run of runs.values()) await sendDue(server.url, run, now);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      clearInterval(sampler);
      const cycleMs = [...cycles.values()].filter((ms) => ms > 0);
      const results = VARIANTS.map((v) => {
        const mine = [...runs.values()].filter((r) => r.variant === v.name);
        const delays = mine
          .filter((r) => r.pagedAt !== undefined && r.firstEventAt !== undefined)
          .map((r) => (r.pagedAt! - r.firstEventAt!) / 1_000);
        return {
          variant: v.name,
          runs: mine.length,
          paged: delays.length,
          medianSeconds: delays.length ? median(delays) : null,
          p95Seconds: delays.length ? percentile(delays, 95) : null,
          maxSeconds: delays.length ? Math.max(...delays) : null,
          delaysSeconds: delays.sort((a, b) => a - b),
          // Where in its minute each surge began (the detector needs two unusual minutes, so a
          // surge that begins late in a minute is paged sooner after its first event).
          perRun: mine.map((r) => ({
            project: r.slug,
            firstEventAt: r.firstEventAt ? new Date(r.firstEventAt).toISOString() : null,
            secondOfMinute: r.firstEventAt ? Math.round((r.firstEventAt % MINUTE) / 1_000) : null,
            pagedAfterSeconds:
              r.pagedAt && r.firstEventAt ? (r.pagedAt - r.firstEventAt) / 1_000 : null,
          })),
        };
      });
      const falsePages = await db.incident.count({
        where: { retrospective: false, openedAt: { lt: new Date(start) } },
      });
      console.log(
        "\nvariant   runs  paged  median    p95     max   (target: median ≤ 60 s, p95 ≤ 120 s)",
      );
      for (const r of results) {
        const f = (x: number | null) => (x === null ? "   –  " : `${x.toFixed(1).padStart(5)} s`);
        console.log(
          `${r.variant.padEnd(9)} ${String(r.runs).padStart(4)} ${String(r.paged).padStart(6)}  ${f(r.medianSeconds)} ${f(r.p95Seconds)} ${f(r.maxSeconds)}`,
        );
      }
      console.log(
        `incidents opened before any surge (false pages): ${falsePages}; bad signatures: ${receiver.badSignatures()}`,
      );
      if (cycleMs.length > 0) {
        console.log(
          `alert cycle while surging: median ${median(cycleMs)} ms, max ${Math.max(...cycleMs)} ms (${cycleMs.length} cycles, ${runs.size} projects)`,
        );
      }
      const dir = path.join(PROJECT_ROOT, "bench/results");
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `alert-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
      await writeFile(file, JSON.stringify({ runs: RUNS, results, falsePages, cycleMs }, null, 2));
      step(`bench: wrote ${path.relative(PROJECT_ROOT, file)}`);
    } finally {
      await server.stop();
      await receiver.close();
      await db.$disconnect();
    }
  });
}

runBench(main);
