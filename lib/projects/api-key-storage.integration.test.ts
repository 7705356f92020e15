import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashApiKey } from "@/lib/auth/api-key-secret";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { createScratchDatabase, type ScratchDatabase } from "@/test/support/database";

import { authenticateApiKey } from "../auth/api-keys";

import { createApiKey, createProject, revokeApiKey } from "./repository";

/** Every row of every table as text: what someone holding a database dump could read. */
async function dumpAllRows(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
    );
    const parts: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      parts.push(...rows.rows.map((r) => r.row));
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
}

describe("API key storage", () => {
  let database: ScratchDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createScratchDatabase();
    await applyMigrations(database.url);
    db = createPrismaClient(database.url, 2);
    await createProject(db, { slug: "fleet" });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("keeps only a hash: the plaintext key appears nowhere in a full dump of the database", async () => {
    const created = await createApiKey(db, { projectSlug: "fleet", scopes: ["ingest", "read"] });
    expect(await authenticateApiKey(db, created.key)).toMatchObject({ projectSlug: "fleet" });
    const dump = await dumpAllRows(database.url);
    expect(dump).toContain(hashApiKey(created.key)); // the dump really holds the key's row
    expect(dump).not.toContain(created.key);
    expect(dump).not.toContain(created.key.slice(3)); // nor the random part alone
  });

  it("answers a revoked, unknown or malformed key the same way", async () => {
    const created = await createApiKey(db, { projectSlug: "fleet", scopes: ["read"] });
    await revokeApiKey(db, created.id);
    expect(await authenticateApiKey(db, created.key)).toBeUndefined();
    expect(await authenticateApiKey(db, `cw_${"A".repeat(43)}`)).toBeUndefined();
    expect(await authenticateApiKey(db, "not a key")).toBeUndefined();
  });

  it("records when a key was last used", async () => {
    const created = await createApiKey(db, { projectSlug: "fleet", scopes: ["read"] });
    expect(
      (await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt,
    ).toBeNull();
    await authenticateApiKey(db, created.key);
    expect(
      (await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt,
    ).not.toBeNull();
  });
});
