/** The statement check sees what the app sends over its pool, and only that. */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { applyMigrations } from "@/lib/db/migrations";

import { createScratchDatabase, type ScratchDatabase } from "./database";
import type { StatementRecorder } from "./statements";

const checker = () =>
  (globalThis as { __codewatchStatements?: StatementRecorder }).__codewatchStatements!;

let database: ScratchDatabase;

beforeAll(async () => {
  database = await createScratchDatabase();
  await applyMigrations(database.url);
});

afterAll(async () => {
  await database?.drop();
});

describe("the distribution-key check of integration tests", () => {
  it("flags a statement the app's pool sends without a project, not a test's own client", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const own = new pg.Client({ connectionString: database.url });
    await own.connect();
    const before = checker().violations.length;
    try {
      await pool.query("SELECT count(*) FROM event_minute WHERE project_id = $1", [
        "00000000-0000-0000-0000-000000000000",
      ]);
      await own.query("SELECT count(*) FROM event_minute");
      expect(checker().violations).toHaveLength(before);
      await pool.query("SELECT count(*) FROM event_minute");
      expect(checker().violations.slice(before)).toEqual([
        {
          problem: "touches event_minute without naming a project (project_id)",
          statement: "SELECT count(*) FROM event_minute",
        },
      ]);
    } finally {
      // This file's deliberate violation must not fail it.
      checker().violations.splice(before);
      await own.end();
      await pool.end();
    }
  });
});
