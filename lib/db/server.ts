import "server-only";

import { getEnv } from "../env";
import { createPrismaClient, type Db } from "./client";
import { resolveDatabase } from "./connection";

// One client per process, kept on globalThis so dev-mode module reloads reuse it.
const holder = globalThis as typeof globalThis & { __codewatchDb?: Promise<Db> };

/** The app's database client. Route handlers and pages reach the database only through lib/. */
export function getDb(): Promise<Db> {
  holder.__codewatchDb ??= resolveDatabase((line) => console.info(line)).then((target) =>
    createPrismaClient(target.url, getEnv().CW_DB_POOL_SIZE),
  );
  return holder.__codewatchDb;
}
