/**
 * Scratch databases for integration tests: a fresh database per test file, on the PostgreSQL
 * named by DATABASE_URL, or an in-memory embedded PGlite when it is unset. Never a mock.
 */
import { randomBytes } from "node:crypto";

import pg from "pg";

import { ensureEmbeddedDatabase } from "@/lib/db/embedded";

export interface ScratchDatabase {
  url: string;
  kind: "postgresql" | "embedded";
  drop(): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const embedded = await ensureEmbeddedDatabase({ dataDir: "memory://", port: 0 });
    return { url: embedded.url, kind: "embedded", drop: () => embedded.stop() };
  }
  const name = `cw_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabaseName(adminUrl, name),
    kind: "postgresql",
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
