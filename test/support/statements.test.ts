import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { MIGRATIONS_DIR } from "@/lib/db/migrations";

import { distributionProblem, REFERENCE_TABLES, SHARDED_TABLES } from "./statements";

/** Every table the migrations create, partitions aside. */
function migratedTables(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, entry.name, "migration.sql"), "utf8");
      return [...sql.matchAll(/^CREATE TABLE "?(\w+)"?\s*\(/gm)].map((m) => m[1]!);
    });
}

describe("distributionProblem", () => {
  it("accepts statements that name one project, by filter or by the rows they insert", () => {
    for (const ok of [
      "SELECT code FROM event_minute WHERE project_id = $1 AND minute >= $2",
      "SELECT c.code FROM unnest($2) c JOIN event_minute e ON e.project_id = $1",
      "DELETE FROM detector_late WHERE project_id = $1 AND code = ANY($2::int[])",
      "INSERT INTO detector_hour AS d (project_id, code, hour) SELECT $1, $2, $3",
      'SELECT * FROM "CatalogCode"',
      "CREATE TABLE event_p20261130 PARTITION OF event FOR VALUES FROM ('a') TO ('b')",
      "VACUUM aggregate_delta",
      "/* cw:maintenance aggregate-merge */ WITH taken AS (DELETE FROM aggregate_delta RETURNING *) SELECT 1",
    ]) {
      expect(distributionProblem(ok), ok).toBeUndefined();
    }
  });

  it("refuses a statement on a sharded table that names no project", () => {
    expect(distributionProblem("SELECT count(*) FROM event WHERE code = $1")).toMatch(
      /touches event without naming a project/,
    );
    expect(distributionProblem("DELETE FROM detector_hour WHERE hour < $1")).toMatch(
      /detector_hour/,
    );
    expect(distributionProblem("UPDATE event_minute SET count = 0")).toMatch(/event_minute/);
    expect(distributionProblem("/* cw:maintenance anything */ DELETE FROM detector_state")).toMatch(
      /unknown maintenance tag/,
    );
  });
});

describe("the table lists", () => {
  it("classify every table the migrations create, each once", () => {
    const classified = [...SHARDED_TABLES, ...REFERENCE_TABLES];
    expect(new Set(classified).size).toBe(classified.length);
    expect([...classified].sort()).toEqual([...new Set(migratedTables())].sort());
  });
});
