/**
 * Prisma's schema engine, run as WebAssembly.
 *
 * The Prisma CLI downloads a native schema-engine binary before any migrate command, and that
 * download is impossible without internet. The same engine ships as WebAssembly in
 * `@prisma/schema-engine-wasm`; this module instantiates it and talks to PostgreSQL through the
 * same driver adapter the app uses (`@prisma/adapter-pg`). See docs/database.md.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

export type SchemaEngine = bindings.SchemaEngine;

let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(jsPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

export interface EngineOptions {
  connectionString: string;
  /** The datamodel the engine starts with (file name, schema text). */
  schemaFile: { path: string; content: string };
  /** Receives the engine's log lines; silent by default. */
  onLog?: (line: string) => void;
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes its connections (releasing Prisma's migration advisory lock). */
  close(): Promise<void>;
}

/**
 * Starts an engine connected to `connectionString`. The wasm build connects at start-up even
 * for work that needs no database (diffing two schema files), so a reachable database is needed.
 */
export async function openSchemaEngine(options: EngineOptions): Promise<OpenEngine> {
  await loadWasm();
  // We own the pool so we can close it: the engine never releases its connections itself, and
  // a connection left open keeps the advisory lock that the next migrate run waits on for 10 s.
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  try {
    const engine = await bindings.SchemaEngine.new(
      { datamodels: [[options.schemaFile.path, options.schemaFile.content]] },
      (line: string) => options.onLog?.(line),
      adapter,
    );
    return {
      engine,
      async close() {
        engine.free();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
