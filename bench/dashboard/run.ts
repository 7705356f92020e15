/**
 * `npm run bench:dashboard`: what the overview costs a browser.
 *
 *   1. first-load JavaScript of the overview (`/`) and the code page, from `next build`'s own
 *      route statistics (.next/diagnostics/route-bundle-stats.json), uncompressed and gzipped;
 *   2. time from navigation to a painted chart in Debian's Chromium, with `--events` (1 million)
 *      in the database, loaded by the simulator through the HTTP API over 29 days: a fresh
 *      browser context (empty cache) signed in as the demo admin opens `/?project=bench` (24
 *      hours, the default), and the time is read in the page when the first chart line has been
 *      painted (the next animation frame after it is in the DOM); one warm-up, then `--runs`
 *      (5), the median reported.
 * The database is kept (`--keep`) or dropped; the server runs with its loops off, the detectors
 * brought up to date once before the measurements.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

import { chromium } from "@playwright/test";
import pg from "pg";

import { PROJECT_ROOT } from "../../lib/db/migrations";
import { runDetectorTick } from "../../lib/detection/loop";
import { createApiKey, createProject, getProjectBySlug } from "../../lib/projects/repository";
import { mergeAggregateDeltas } from "../../lib/telemetry/aggregates";
import { CHROMIUM_ARGS } from "../../e2e/support/browser";
import { ensureDemoAccounts } from "../../scripts/commands/accounts";
import { step } from "../../scripts/commands/log";
import { ensureBuild } from "../../scripts/commands/next";
import { preparedDatabase, dropDatabase, median, runBench, startServer } from "../support/server";
import { backfill } from "../support/simulate";

/**
 * Records in `window.__cwPainted` the time (ms since navigation start) of the animation frame
 * after the first line (or stacked area) of the time-series chart is in the DOM: the frame that
 * paints it.
 */
const PAINT_WATCH = `
  (() => {
    const check = () => {
      if (document.querySelector(".chart-plot .recharts-line-curve, .chart-plot .recharts-area-area")) {
        requestAnimationFrame(() => { window.__cwPainted = performance.now(); });
      } else {
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  })();
`;

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "5" },
    database: { type: "string", default: "codewatch_bench_dashboard" },
    keep: { type: "boolean", default: false },
    port: { type: "string", default: "3313" },
    chromium: { type: "string", default: process.env.CW_CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
});
const EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const SLUG = "bench";

/** First-load JavaScript of each route, as `next build` counted it, and gzipped. */
async function firstLoad(routes: string[]) {
  const stats = JSON.parse(
    await readFile(
      path.join(PROJECT_ROOT, ".next", "diagnostics", "route-bundle-stats.json"),
      "utf8",
    ),
  ) as { route: string; firstLoadUncompressedJsBytes: number; firstLoadChunkPaths: string[] }[];
  const result = [];
  for (const route of routes) {
    const entry = stats.find((s) => s.route === route);
    if (!entry) throw new Error(`next build reported no route ${route}`);
    let gzipped = 0;
    for (const chunk of entry.firstLoadChunkPaths) {
      gzipped += gzipSync(await readFile(path.join(PROJECT_ROOT, chunk))).length;
    }
    result.push({ route, bytes: entry.firstLoadUncompressedJsBytes, gzipBytes: gzipped });
  }
  return result;
}

async function main() {
  await ensureBuild(step);
  const bundles = await firstLoad(["/", "/codes/[code]", "/codes"]);
  for (const b of bundles) {
    step(
      `bench: first-load JS of ${b.route}: ${(b.bytes / 1024).toFixed(0)} KiB, ${(b.gzipBytes / 1024).toFixed(0)} KiB gzipped`,
    );
  }

  const name = args.database!;
  const { url, db } = await preparedDatabase(name);
  const logins = await ensureDemoAccounts(db);
  const admin = logins.find((l) => l.role === "admin")!;
  if (!(await getProjectBySlug(db, SLUG))) await createProject(db, { slug: SLUG });
  const ingestKey = (await createApiKey(db, { projectSlug: SLUG, scopes: ["ingest"] })).key;
  await db.$disconnect();
  const sql = new pg.Pool({ connectionString: url, max: 2 });
  const server = await startServer(url, Number(args.port), {
    CW_DISABLE_SCHEDULER: "1",
    CW_INGEST_REQUESTS_PER_SECOND: "100000",
  });
  const browser = await chromium.launch({
    executablePath: args.chromium,
    args: CHROMIUM_ARGS,
  });
  try {
    const stored = Number((await sql.query(`SELECT count(*) AS n FROM event`)).rows[0].n);
    if (stored < EVENTS * 0.9) {
      await backfill(server.url, ingestKey, { events: EVENTS, days: 29, databaseUrl: url });
    }
    const events = Number((await sql.query(`SELECT count(*) AS n FROM event`)).rows[0].n);
    await mergeAggregateDeltas(sql);
    await sql.query("VACUUM ANALYZE");
    await runDetectorTick(sql);
    step(`bench: ${events.toLocaleString("en-US")} events stored, detectors current`);

    // Sign in once; every run starts from a fresh context with that session and an empty cache.
    const signIn = await browser.newContext();
    const page = await signIn.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.locator('input[type="email"]').fill(admin.email);
    await page.locator('input[type="password"]').fill(admin.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    const storageState = await signIn.storageState();
    await signIn.close();

    const times: number[] = [];
    // Where the time goes: when the HTML, the scripts, and the first /top and /series answers
    // were in (ms since navigation), per run.
    const milestones: { html: number; domContentLoaded: number; top: number; series: number }[] =
      [];
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext({
        storageState,
        viewport: { width: 1280, height: 900 },
      });
      // Watched from the first script of the page on, so a chart painted before the load event
      // is timed too. A string, not a function: tsx would wrap the named inner function in a
      // helper the page does not have.
      await context.addInitScript(PAINT_WATCH);
      const tab = await context.newPage();
      await tab.goto(`${server.url}/?project=${SLUG}`);
      // Inline arrows without inner names: tsx adds no helper to them. (A string would be
      // evaluated with eval, which the page's Content-Security-Policy forbids.)
      type Watched = { __cwPainted?: number };
      await tab.waitForFunction(() => (window as Watched).__cwPainted !== undefined, undefined, {
        timeout: 60_000,
      });
      const painted = await tab.evaluate(() => (window as Watched).__cwPainted!);
      const marks = await tab.evaluate(() => {
        const navigation = performance.getEntriesByType("navigation")[0] as
          PerformanceNavigationTiming | undefined;
        const ends = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
          .filter((e) => e.name.includes("/api/v1/"))
          .map((e) => ({ path: new URL(e.name).pathname, end: e.responseEnd }));
        return {
          html: navigation?.responseEnd ?? 0,
          domContentLoaded: navigation?.domContentLoadedEventEnd ?? 0,
          top: Math.min(...ends.filter((e) => e.path === "/api/v1/top").map((e) => e.end)),
          series: Math.min(...ends.filter((e) => e.path === "/api/v1/series").map((e) => e.end)),
        };
      });
      await context.close();
      // The first run warms the server's code paths and the database's cache.
      if (run > 0) {
        times.push(painted);
        milestones.push(marks);
      }
      step(
        `bench: ${run === 0 ? "warm-up" : `run ${run}/${RUNS}`}: chart painted ${painted.toFixed(0)} ms after navigation ` +
          `(HTML ${marks.html.toFixed(0)}, DOMContentLoaded ${marks.domContentLoaded.toFixed(0)}, ` +
          `top answered ${marks.top.toFixed(0)}, series answered ${marks.series.toFixed(0)} ms)`,
      );
    }
    const report = {
      date: new Date().toISOString(),
      events,
      firstLoad: bundles,
      paintedMs: times.map(Math.round),
      paintedMedianMs: Math.round(median(times)),
      milestonesMedianMs: {
        html: Math.round(median(milestones.map((m) => m.html))),
        domContentLoaded: Math.round(median(milestones.map((m) => m.domContentLoaded))),
        topAnswered: Math.round(median(milestones.map((m) => m.top))),
        seriesAnswered: Math.round(median(milestones.map((m) => m.series))),
      },
    };
    console.log(JSON.stringify(report, null, 2));
    console.log(
      [
        "",
        "| figure | value |",
        "|---|---|",
        ...bundles.map(
          (b) =>
            `| first-load JS of ${b.route} | ${(b.bytes / 1024).toFixed(0)} KiB (${(b.gzipBytes / 1024).toFixed(0)} KiB gzipped) |`,
        ),
        `| navigation to a painted overview chart, ${events.toLocaleString("en-US")} events (median of ${RUNS}) | ${report.paintedMedianMs} ms (${report.paintedMs.join(" / ")}) |`,
        ...Object.entries(report.milestonesMedianMs).map(
          ([name, ms]) => `| of which: ${name} (median) | ${ms} ms |`,
        ),
      ].join("\n"),
    );
  } finally {
    await browser.close();
    await server.stop();
    await sql.end();
    if (!args.keep) await dropDatabase(name);
  }
}

runBench(main);
