/**
 * `npx tsx bench/ingest/profile.ts [--batches 40] [--batch 500]`: where one batch's time goes,
 * in-process on one connection (no HTTP): JSON parse, validation, storage. Uses a fresh
 * database on DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { parseArgs } from "node:util";

import { createPrismaClient, poolOf } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrations";
import { ensurePartitions } from "../../lib/telemetry/partitions";
import { storeEvents } from "../../lib/telemetry/store";
import { validateBatch } from "../../lib/ingest/validate";
import { benchEvent } from "./events";
import { withScratchDatabase } from "../support/server";

const { values: args } = parseArgs({
  options: {
    batches: { type: "string", default: "40" },
    batch: { type: "string", default: "500" },
  },
});
const BATCHES = Number(args.batches);
const BATCH = Number(args.batch);

async function main() {
  await withScratchDatabase("cw_profile", async (url) => {
    await applyMigrations(url);
    const db = createPrismaClient(url, 1);
    await ensurePartitions(db, new Date(), 30);
    const projectId = "00000000-0000-0000-0000-000000000001";
    const now = Date.now();
    const totals = { parse: 0, validate: 0, store: 0 };
    for (let b = 0; b < BATCHES; b++) {
      const body = JSON.stringify({
        events: Array.from({ length: BATCH }, (_, i) => benchEvent(b * BATCH + i, now)),
      });
      const t0 = performance.now();
      const parsed = JSON.parse(body) as { events: unknown[] };
      const t1 = performance.now();
      const { events } = validateBatch(
        { events: parsed.events.map((value) => ({ ok: true as const, value })) },
        { receivedAtMs: Date.now(), retentionDays: 30, hashDeviceId: (id) => id },
      );
      const t2 = performance.now();
      await storeEvents(poolOf(db), projectId, events, new Date());
      const t3 = performance.now();
      // The first batches warm up the JIT and the connection; they are not counted.
      if (b >= 5) {
        totals.parse += t1 - t0;
        totals.validate += t2 - t1;
        totals.store += t3 - t2;
      }
    }
    const per = (ms: number) => (ms / (BATCHES - 5)).toFixed(2);
    console.log(
      `per ${BATCH}-event batch: parse ${per(totals.parse)} ms, validate ${per(totals.validate)} ms, store ${per(totals.store)} ms`,
    );
    await db.$disconnect();
  });
}
void main();
