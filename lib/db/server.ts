import "server-only";

import { getEnv } from "../env";
import { logger } from "../log";
import { createPrismaClient, type Db } from "./client";
import { resolveDatabase } from "./connection";

// One client per process, kept on globalThis so dev-mode module reloads reuse it.
const holder = globalThis as typeof globalThis & { __codewatchDb?: Promise<Db> };

/**
 * PGlite's socket server runs one query at a time and can mix up the extended-protocol messages
 * of concurrent connections ("unnamed prepared statement does not exist"), so a process talks to
 * the embedded database over a single connection; PostgreSQL gets a real pool.
 */
export function poolSizeFor(kind: "postgresql" | "embedded"): number {
  return kind === "embedded" ? 1 : getEnv().CW_DB_POOL_SIZE;
}

/** The app's database client. Route handlers and pages reach the database only through lib/. */
export function getDb(): Promise<Db> {
  holder.__codewatchDb ??= resolveDatabase((line) => logger().info(line)).then((target) =>
    createPrismaClient(target.url, poolSizeFor(target.kind)),
  );
  return holder.__codewatchDb;
}
