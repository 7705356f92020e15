/**
 * What the telemetry and detector modules send their statements through: node-postgres
 * directly (the pool under the Prisma client, lib/db/client.ts), for set-based SQL on the hot
 * paths. One type for "something that runs a query", one way to run a transaction.
 */
import type pg from "pg";

/** A pool, or one connection taken from it (inside a transaction). */
export type Sql = Pick<pg.PoolClient, "query">;

export interface TransactionOptions {
  /** PostgreSQL's isolation level; READ COMMITTED (its default) when absent. */
  isolation?: "REPEATABLE READ" | "SERIALIZABLE";
  readOnly?: boolean;
}

/**
 * Runs `work` in a transaction on one connection of `pool` (or on `client`, already taken):
 * BEGIN, then COMMIT when `work` resolves, ROLLBACK when it throws (the error is rethrown; a
 * failed rollback is ignored, the connection is discarded by then anyway).
 */
export async function withTransaction<T>(
  connection: pg.Pool | pg.PoolClient,
  work: (client: pg.PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const pooled = "totalCount" in connection;
  const client = pooled ? await (connection as pg.Pool).connect() : (connection as pg.PoolClient);
  try {
    const mode = [
      options.isolation ? `ISOLATION LEVEL ${options.isolation}` : "",
      options.readOnly ? "READ ONLY" : "",
    ]
      .filter(Boolean)
      .join(" ");
    await client.query(mode ? `BEGIN ${mode}` : "BEGIN");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    if (pooled) client.release();
  }
}

/** Runs `work` on one connection of `pool`, returned to the pool afterwards. */
export async function withConnection<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}
