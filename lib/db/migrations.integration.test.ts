import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createScratchDatabase, type ScratchDatabase } from "@/test/support/database";

import { applyMigrations, diffSchemaScript, listMigrationNames } from "./migrations";
import { describeSchema } from "./schema-description";

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  let migrated: ScratchDatabase;
  let fromSchema: ScratchDatabase;

  beforeAll(async () => {
    [migrated, fromSchema] = await Promise.all([createScratchDatabase(), createScratchDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([migrated?.drop(), fromSchema?.drop()]);
  });

  it("applies every migration to an empty database, then nothing on a second run", async () => {
    const names = await listMigrationNames();
    expect(names.length).toBeGreaterThan(0);

    expect(await applyMigrations(migrated.url)).toEqual(names);
    expect(await applyMigrations(migrated.url)).toEqual([]);

    const recorded = await query<{ migration_name: string; finished_at: Date | null }>(
      migrated.url,
      `SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(recorded.map((r) => r.migration_name)).toEqual(names);
    expect(recorded.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("leaves a migrated database identical to one built straight from schema.prisma (no drift)", async () => {
    await applyMigrations(migrated.url);
    const script = await diffSchemaScript(fromSchema.url);
    await query(fromSchema.url, script);

    const expected = await describeSchema(fromSchema.url);
    const actual = await describeSchema(migrated.url);
    expect(expected.length).toBeGreaterThan(5);
    expect(actual).toEqual(expected);
  });
});
