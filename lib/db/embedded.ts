/**
 * The zero-setup database: PGlite (PostgreSQL compiled to WebAssembly) served over the Postgres
 * wire protocol on a loopback port, so the app, the CLI and the tests talk to it with the same
 * `pg` driver they use against a real PostgreSQL.
 *
 * PGlite is single-process: exactly one process owns the data directory and serves it. Others
 * find that server through `<dataDir>.json` (pid and port) and connect to it. Used only when
 * DATABASE_URL is unset (lib/db/connection.ts); production runs on PostgreSQL.
 */
import { mkdir, open, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

export interface EmbeddedDatabase {
  url: string;
  /** True when this process started the server (and must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory holding the data, or "memory://" for a throwaway database. */
  dataDir: string;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  log?: (line: string) => void;
}

interface ServerInfo {
  pid: number;
  port: number;
}

/** PGlite serialises queries anyway; this only caps how many sockets may stay open. */
const MAX_CONNECTIONS = 64;

export function embeddedUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

function infoFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.json`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function readRunningServer(dataDir: string): Promise<ServerInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(infoFile(dataDir), "utf8")) as ServerInfo;
    if (isAlive(info.pid) && (await canConnect(info.port))) return info;
  } catch {
    // No file or unreadable: nobody serves this directory.
  }
  return undefined;
}

/**
 * Takes `<dataDir>.lock` for this process, so two processes starting at once cannot both open
 * the data directory. Returns false when another live process holds it (it is starting the
 * server); a lock left by a dead process is taken over.
 */
async function tryLock(dataDir: string): Promise<boolean> {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  try {
    const handle = await open(lockFile, "wx");
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number(await readFile(lockFile, "utf8").catch(() => "0"));
    if (holder && holder !== process.pid && isAlive(holder)) return false;
    await rm(lockFile, { force: true });
    return tryLock(dataDir);
  }
}

async function unlock(dataDir: string): Promise<void> {
  await rm(`${path.resolve(dataDir)}.lock`, { force: true });
}

/** Waits for the process holding the lock to start serving, for up to a minute. */
async function waitForOtherStarter(dataDir: string): Promise<ServerInfo | undefined> {
  for (let i = 0; i < 120; i++) {
    const running = await readRunningServer(dataDir);
    if (running) return running;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

/**
 * Connects to the embedded server for `dataDir`, starting it in this process when no other
 * process serves it.
 */
export async function ensureEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const inMemory = options.dataDir.startsWith("memory://");
  if (!inMemory) {
    const running = await readRunningServer(options.dataDir);
    if (running) {
      log(`embedded database: using the server of process ${running.pid} on port ${running.port}`);
      return { url: embeddedUrl(running.port), owned: false, stop: async () => {} };
    }
    await mkdir(path.dirname(path.resolve(options.dataDir)), { recursive: true });
    if (!(await tryLock(options.dataDir))) {
      const started = await waitForOtherStarter(options.dataDir);
      if (!started)
        throw new Error(`another process holds ${options.dataDir}.lock but serves nothing`);
      log(`embedded database: using the server of process ${started.pid} on port ${started.port}`);
      return { url: embeddedUrl(started.port), owned: false, stop: async () => {} };
    }
  }

  const started = Date.now();
  // Imported lazily: the PGlite runtime (~10 MB of WebAssembly) is never loaded when
  // DATABASE_URL points at a real PostgreSQL.
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const db = await PGlite.create(inMemory ? undefined : path.resolve(options.dataDir)).catch(
    async (error: unknown) => {
      if (!inMemory) await unlock(options.dataDir);
      throw error;
    },
  );
  const listen = async (port: number) => {
    const server = new PGLiteSocketServer({
      db,
      host: "127.0.0.1",
      port,
      maxConnections: MAX_CONNECTIONS,
    });
    await server.start();
    return server;
  };
  // The preferred port keeps the URL stable between runs; any free port will do when it is taken.
  const server = await listen(options.port ?? 0).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    log(`embedded database: port ${options.port} is taken, using a free one`);
    return listen(0);
  });
  const port = Number(server.getServerConn().split(":").pop());
  if (!inMemory) {
    await writeFile(infoFile(options.dataDir), JSON.stringify({ pid: process.pid, port }));
    await unlock(options.dataDir);
  }
  log(
    `embedded database: PGlite ${inMemory ? "in memory" : `in ${options.dataDir}`} ` +
      `serving on 127.0.0.1:${port} (started in ${Date.now() - started} ms)`,
  );

  let stopped = false;
  return {
    url: embeddedUrl(port),
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      if (!inMemory) await rm(infoFile(options.dataDir), { force: true });
    },
  };
}
