/**
 * The one place that decides which database codewatch talks to:
 * DATABASE_URL when set, otherwise the embedded PGlite database under CW_DATA_DIR, started by
 * this process if no other process serves it yet.
 */
import path from "node:path";

import { getEnv } from "../env";
import { ensureEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";

export interface DatabaseTarget {
  url: string;
  kind: "postgresql" | "embedded";
  /** Set when this process started the embedded server. */
  embedded?: EmbeddedDatabase;
}

let target: Promise<DatabaseTarget> | undefined;

export function resolveDatabase(log?: (line: string) => void): Promise<DatabaseTarget> {
  target ??= (async (): Promise<DatabaseTarget> => {
    const env = getEnv();
    if (env.DATABASE_URL) return { url: env.DATABASE_URL, kind: "postgresql" };
    const embedded = await ensureEmbeddedDatabase({
      dataDir: path.join(env.CW_DATA_DIR, "pglite"),
      port: env.CW_EMBEDDED_DB_PORT,
      log,
    });
    return { url: embedded.url, kind: "embedded", embedded: embedded.owned ? embedded : undefined };
  })();
  return target;
}

/** A connection string with the password masked, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
