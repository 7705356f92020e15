/**
 * `npm run bench:storage`: how much disk each table takes per million events.
 *
 *   1. a scratch database on DATABASE_URL's server (default
 *      postgresql://postgres@127.0.0.1:5432/postgres), dropped afterwards unless `--keep`,
 *   2. `--events` (default 1 million) over `--days` (29) days, sent by the simulator's backfill
 *      through the real HTTP API (`cw simulate --backfill-days`, `next start`, POST
 *      /api/v1/events), with the server's background loops on as in production: the aggregate
 *      merge every second, the detectors every minute, the alert cycle,
 *   3. what the loops had not done when the load ends: the last batches merged, the detectors
 *      brought up to date, then VACUUM ANALYZE (what autovacuum would do; it frees dead rows for
 *      reuse but does not shrink files),
 *   4. per table (partitions summed into their parent): rows, data (heap and TOAST), indexes,
 *      pg_total_relation_size, and bytes per stored event; written to
 *      bench/results/storage-<time>.json.
 * Raw tables grow with events; the aggregates grow with active (code, minute) and (code, hour,
 * dimension value) combinations, so their bytes per event fall as traffic gets denser.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

import pg from "pg";

import { PROJECT_ROOT } from "../../lib/db/migrations";
import { runDetectorTick } from "../../lib/detection/loop";
import { mergeAggregateDeltas } from "../../lib/telemetry/aggregates";
import { createApiKey, createProject } from "../../lib/projects/repository";
import { step } from "../../scripts/commands/log";
import { backfill } from "../support/simulate";
import {
  databaseUrl,
  dropDatabase,
  preparedDatabase,
  runBench,
  startServer,
} from "../support/server";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    days: { type: "string", default: "29" },
    keep: { type: "boolean", default: false },
    port: { type: "string", default: "3313" },
  },
});
const EVENTS = Number(args.events);
const DAYS = Number(args.days);
const SLUG = "bench";

interface TableSize {
  table: string;
  partitions: number;
  rows: number;
  dataBytes: number;
  indexBytes: number;
  totalBytes: number;
}

/**
 * Every table of the schema, a partitioned table with its partitions summed into it. Rows are
 * counted exactly (a few seconds at a million events), not estimated.
 */
async function tableSizes(sql: pg.Pool): Promise<TableSize[]> {
  const { rows } = await sql.query<{
    table: string;
    partitions: number;
    data: string;
    indexes: string;
    total: string;
  }>(
    `SELECT coalesce(parent.relname, c.relname) AS table,
       count(*) FILTER (WHERE parent.oid IS NOT NULL)::int AS partitions,
       sum(pg_table_size(c.oid)) AS data, sum(pg_indexes_size(c.oid)) AS indexes,
       sum(pg_total_relation_size(c.oid)) AS total
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
     LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
     LEFT JOIN pg_class parent ON parent.oid = i.inhparent
     WHERE c.relkind = 'r'
     GROUP BY 1`,
  );
  const sizes: TableSize[] = [];
  for (const r of rows) {
    // Names come from pg_class; quoted, as Prisma's tables are mixed-case.
    const counted = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "${r.table}"`);
    sizes.push({
      table: r.table,
      partitions: r.partitions,
      rows: Number(counted.rows[0]!.n),
      dataBytes: Number(r.data),
      indexBytes: Number(r.indexes),
      totalBytes: Number(r.total),
    });
  }
  return sizes.sort((a, b) => b.totalBytes - a.totalBytes || a.table.localeCompare(b.table));
}

const mib = (bytes: number) => (bytes / 1_048_576).toFixed(1);

function printSizes(sizes: TableSize[], events: number): void {
  const shown = sizes.filter((s) => s.rows > 0);
  const header = ["table", "partitions", "rows", "data MiB", "index MiB", "total MiB", "B/event"];
  const lines = shown.map((s) => [
    s.table,
    String(s.partitions || "-"),
    s.rows.toLocaleString("en-US"),
    mib(s.dataBytes),
    mib(s.indexBytes),
    mib(s.totalBytes),
    (s.totalBytes / events).toFixed(1),
  ]);
  const total = shown.reduce((sum, s) => sum + s.totalBytes, 0);
  const all = sizes.reduce((sum, s) => sum + s.totalBytes, 0);
  lines.push(["tables with rows", "", "", "", "", mib(total), (total / events).toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(row(header));
  for (const line of lines) console.log(row(line));
  console.log(
    `(every table, empty ones included: ${mib(all)} MiB; ` +
      `${sizes.length - shown.length} empty tables not listed)`,
  );
}

async function main() {
  const name = `codewatch_bench_storage_${Date.now()}`;
  let sql: pg.Pool | undefined;
  try {
    const { db } = await preparedDatabase(name);
    await createProject(db, { slug: SLUG });
    const ingestKey = (await createApiKey(db, { projectSlug: SLUG, scopes: ["ingest"] })).key;
    await db.$disconnect();
    const url = databaseUrl(name);
    sql = new pg.Pool({ connectionString: url, max: 2 });

    // As in production: the loops run while the events arrive (merges rewrite aggregate rows).
    const server = await startServer(url, Number(args.port), {
      CW_INGEST_REQUESTS_PER_SECOND: "100000",
    });
    try {
      await backfill(server.url, ingestKey, { events: EVENTS, days: DAYS, databaseUrl: url });
    } finally {
      await server.stop();
    }
    const merged = await mergeAggregateDeltas(sql);
    const tick = await runDetectorTick(sql);
    step(`bench: merged the last ${merged} batches, detectors judged ${tick.minutesJudged} more`);
    await sql.query("VACUUM ANALYZE");

    const sizes = await tableSizes(sql);
    const events = sizes.find((s) => s.table === "event")?.rows ?? 0;
    if (events === 0) throw new Error("no event was stored");
    console.log(
      `${events.toLocaleString("en-US")} events over ${DAYS} days, one project ` +
        `(${(await sql.query(`SHOW server_version`)).rows[0].server_version}):`,
    );
    printSizes(sizes, events);

    await mkdir(path.join(PROJECT_ROOT, "bench", "results"), { recursive: true });
    const file = path.join(PROJECT_ROOT, "bench", "results", `storage-${Date.now()}.json`);
    await writeFile(file, JSON.stringify({ events, days: DAYS, tables: sizes }, null, 2));
    step(`bench: wrote ${path.relative(PROJECT_ROOT, file)}`);
  } finally {
    await sql?.end();
    if (args.keep) step(`bench: kept database ${name}`);
    else await dropDatabase(name);
  }
}

runBench(main);
