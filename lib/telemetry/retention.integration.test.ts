import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { createScratchDatabase, type ScratchDatabase } from "@/test/support/database";

import { ensurePartitions, listPartitions } from "./partitions";
import { runRetention } from "./retention";

const DAY = 86_400_000;
const policy = { rawDays: 30, aggregateMonths: 13 };

describe("retention", () => {
  let database: ScratchDatabase;
  let db: Db;
  let sql: pg.Client;
  const now = new Date("2026-11-26T03:00:00Z");

  beforeAll(async () => {
    database = await createScratchDatabase();
    await applyMigrations(database.url);
    db = createPrismaClient(database.url, 4);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    // Partitions as they were 40 days ago, plus today's.
    await ensurePartitions(db, new Date(now.getTime() - 40 * DAY), policy.rawDays);
    await ensurePartitions(db, now, policy.rawDays);
    await sql.query(
      `INSERT INTO event (project_id, code, occurred_at, received_at)
       VALUES (gen_random_uuid(), 1, $1, $1), (gen_random_uuid(), 1, $2, $2)`,
      [new Date(now.getTime() - 45 * DAY), new Date(now.getTime() - DAY)],
    );
  });
  afterAll(async () => {
    await sql?.end();
    await db?.$disconnect();
    await database?.drop();
  });

  it("creates day partitions ahead, so no event lands in the default partition", async () => {
    const days = await listPartitions(db, "event");
    expect(days).toContain("event_p20261128");
    expect(days).toContain("event_p20261027");
    const stray = await sql.query(`SELECT count(*)::int AS n FROM event_default`);
    expect(stray.rows[0].n).toBe(0);
  });

  it("gives rows in a default partition a partition of their own (a backfill, a late check)", async () => {
    const project = "00000000-0000-4000-8000-000000000001";
    await sql.query(
      `INSERT INTO event_hour_default (project_id, code, hour, count)
       VALUES ($1, 50502, '2026-05-10T07:00:00Z', 12), ($1, 50502, '2026-06-01T00:00:00Z', 3)`,
      [project],
    );
    const created = await ensurePartitions(db, now, policy.rawDays);
    expect(created).toEqual(expect.arrayContaining(["event_hour_p202605", "event_hour_p202606"]));
    const moved = await sql.query(
      `SELECT tableoid::regclass::text AS part, count::int FROM event_hour
       WHERE project_id = $1 ORDER BY hour`,
      [project],
    );
    expect(moved.rows).toEqual([
      { part: "event_hour_p202605", count: 12 },
      { part: "event_hour_p202606", count: 3 },
    ]);
  });

  it("drops expired partitions whole, keeps the rest, and runs once however many instances try", async () => {
    const runs = await Promise.all([1, 2, 3].map(() => runRetention(db, now, policy)));
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    const ran = runs.find((r) => r.ran)!;
    expect(ran.dropped).toContain("event_p20261011");
    expect(
      ran.dropped.every(
        (name) => !name.startsWith("event_minute") || name < "event_minute_p202510",
      ),
    ).toBe(true);
    const remaining = await listPartitions(db, "event");
    expect(remaining).not.toContain("event_p20261026");
    expect(remaining).toContain("event_p20261027");
    const counts = await sql.query(`SELECT count(*)::int AS n FROM event`);
    expect(counts.rows[0].n).toBe(1);

    expect(await runRetention(db, now, policy)).toMatchObject({
      ran: false,
      reason: expect.stringMatching(/already ran/),
    });
    expect((await runRetention(db, now, policy, { force: true })).ran).toBe(true);
  });
});
