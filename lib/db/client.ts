/**
 * Creates Prisma clients. The app keeps one per process (lib/db/server.ts); the CLI and the
 * tests create their own for the database they work on.
 */
import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

export function createPrismaClient(url: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  return new PrismaClient({ adapter });
}
