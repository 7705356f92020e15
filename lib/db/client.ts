/**
 * Creates Prisma clients. The app keeps one per process (lib/db/server.ts); the CLI and the
 * tests create their own for the database they work on.
 *
 * Each client runs on a node-postgres pool we create, so the ingest hot path can use the same
 * pool directly (`poolOf`): a set-based INSERT through pg is ~2.5× faster than the same SQL
 * through Prisma's raw-query layer (docs/performance.md), and sharing the pool keeps one
 * connection limit per process (which the embedded database needs).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { logger } from "../log";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

/**
 * The pool, kept on the client under a registered symbol rather than in a module-level map:
 * Next.js bundles this module separately for the route handlers and for instrumentation.ts (the
 * background loops), and both must find the pool of the one client the process shares.
 */
const POOL = Symbol.for("codewatch.db.pool");
type WithPool = PrismaClient & { [POOL]?: pg.Pool };
/** Per pool (one object shared by every bundle), so a per-bundle cache is enough here. */
const namedStatementSupport = new WeakMap<pg.Pool, Promise<boolean>>();

export function createPrismaClient(url: string, poolSize = 10): PrismaClient {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that dies (database restart, network cut) is dropped and replaced on
  // the next checkout; without a listener its error would crash the process.
  pool.on("error", (error) => logger().warn({ err: error }, "database connection lost"));
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({ adapter });
  (client as WithPool)[POOL] = pool;
  return client;
}

/** The node-postgres pool under a client made by createPrismaClient. */
export function poolOf(db: Db): pg.Pool {
  const pool = (db as WithPool)[POOL];
  if (!pool) throw new Error("this Prisma client was not made by createPrismaClient");
  return pool;
}

/**
 * Whether hot paths may use named (per-connection prepared) statements on `pool`: on PostgreSQL
 * yes, on PGlite no. Its socket server runs every connection in one session, where a statement
 * prepared by a connection that has since died still holds its name ("already exists"). Asked of
 * the server once per pool, since a DATABASE_URL may point at either.
 */
export function allowsNamedStatements(pool: pg.Pool): Promise<boolean> {
  let answer = namedStatementSupport.get(pool);
  if (!answer) {
    answer = pool
      .query<{ version: string }>("SELECT version()")
      .then((result) => !result.rows[0]!.version.includes("PGlite"));
    namedStatementSupport.set(pool, answer);
    // A failed question (database down) is asked again next time.
    answer.catch(() => namedStatementSupport.delete(pool));
  }
  return answer;
}
