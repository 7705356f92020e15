/**
 * Integration-test access to the app in-process: a fresh migrated database that the app's own
 * modules (getDb, getAuth, the route handlers) use, and helpers to call a route handler with a
 * session cookie or an API key, as a browser or client would.
 */
import pg from "pg";

import { applyMigrations } from "@/lib/db/migrations";

import { createScratchDatabase, type ScratchDatabase } from "./database";

export const ORIGIN = "http://localhost:3000";

/** Creates the database and points the app at it; call before importing anything that reads it. */
export async function startAppDatabase(): Promise<ScratchDatabase> {
  const database = await createScratchDatabase();
  process.env.DATABASE_URL = database.url;
  // An embedded scratch database is PGlite: one connection per process (lib/db/server.ts).
  if (database.kind === "embedded") process.env.CW_DB_POOL_SIZE = "1";
  await applyMigrations(database.url);
  return database;
}

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface Caller {
  name: string;
  headers: Record<string, string>;
}

export async function call(
  handler: Handler,
  options: {
    path: string;
    method?: string;
    caller?: Caller;
    params?: Record<string, string>;
    json?: unknown;
  },
): Promise<Response> {
  const headers: Record<string, string> = { ...options.caller?.headers };
  if (options.json !== undefined) headers["content-type"] = "application/json";
  return handler(
    new Request(`${ORIGIN}${options.path}`, {
      method: options.method ?? "GET",
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
}

/** Signs in through Better Auth's own HTTP handler and returns the cookie header to send. */
export async function signInCookie(email: string, password: string, clientIp = "198.51.100.10") {
  const { getAuth } = await import("@/lib/auth/server");
  const response = await (
    await getAuth()
  ).handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": clientIp },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

export interface IngestFixture {
  database: ScratchDatabase;
  projectId: string;
  /** An ingest key of the fixture's project. */
  key: string;
  /** Another key, e.g. with other scopes or for another project (created if missing). */
  createKey(scopes: ("ingest" | "read")[], projectSlug?: string): Promise<string>;
  /** A direct connection for assertions on what was stored. */
  sql: pg.Client;
  close(): Promise<void>;
}

/**
 * A fresh database with the catalogue, one project and an ingest key, for tests of the ingest
 * front doors. `env` is applied before the app's modules read it.
 */
export async function startIngestFixture(
  options: { projectSlug?: string; env?: Record<string, string> } = {},
): Promise<IngestFixture> {
  const database = await startAppDatabase();
  Object.assign(process.env, options.env);
  const { getDb } = await import("@/lib/db/server");
  const { createProject, createApiKey, getProjectBySlug } =
    await import("@/lib/projects/repository");
  const { seedCatalog } = await import("@/lib/catalog/repository");
  const db = await getDb();
  await seedCatalog(db);
  const slug = options.projectSlug ?? "fleet";
  const projectId = (await createProject(db, { slug })).id;
  const createKey = async (scopes: ("ingest" | "read")[], projectSlug = slug) => {
    if (!(await getProjectBySlug(db, projectSlug))) await createProject(db, { slug: projectSlug });
    return (await createApiKey(db, { projectSlug, scopes })).key;
  };
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  return {
    database,
    projectId,
    key: await createKey(["ingest"]),
    createKey,
    sql,
    async close() {
      await sql.end();
      await db.$disconnect();
      await database.drop();
    },
  };
}
