/**
 * The database goes away while clients are sending: every 2xx must stand for stored events,
 * clients retry on 503/429 with the same eventIds, and once the database is back the stored
 * events are exactly the events sent, none lost and none doubled.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { applyMigrations } from "@/lib/db/migrations";
import { mergeAggregateDeltas } from "@/lib/telemetry/aggregates";
import { createScratchDatabase, type ScratchDatabase } from "@/test/support/database";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";
import { startTcpProxy, type TcpProxy } from "@/test/support/tcp-proxy";

const CLIENTS = 4;
const BATCHES_PER_CLIENT = 25;
const EVENTS_PER_BATCH = 40;

let database: ScratchDatabase;
let proxy: TcpProxy;
let server: RouteServer;
let key: string;
let projectId: string;

beforeAll(async () => {
  database = await createScratchDatabase();
  await applyMigrations(database.url);
  const direct = new URL(database.url);
  proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
  const proxied = new URL(database.url);
  proxied.port = String(proxy.port);
  process.env.DATABASE_URL = proxied.toString();
  if (database.kind === "embedded") process.env.CW_DB_POOL_SIZE = "1";
  // Generous admission limits: this test is about the database, not about rate limiting.
  process.env.CW_INGEST_REQUESTS_PER_SECOND = "10000";
  process.env.CW_INGEST_MAX_IN_FLIGHT = "64";

  const { getDb } = await import("@/lib/db/server");
  const { createProject, createApiKey } = await import("@/lib/projects/repository");
  const db = await getDb();
  projectId = (await createProject(db, { slug: "fleet" })).id;
  key = (await createApiKey(db, { projectSlug: "fleet", scopes: ["ingest"] })).key;
  server = await serveRoutes({
    "POST /api/v1/events": (await import("@/app/api/v1/events/route")).POST,
  });
});

afterAll(async () => {
  await server?.close();
  const { getDb } = await import("@/lib/db/server");
  await (await getDb()).$disconnect().catch(() => {});
  await proxy?.close();
  await database?.drop();
});

interface Outcome {
  ok: number;
  retried: number;
  statuses: Map<number, number>;
}

/** Sends one batch until it gets a 2xx, retrying 429/503/network errors with the same ids. */
async function sendUntilStored(batch: object[], outcome: Outcome): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await fetch(`${server.url}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ events: batch }),
    }).catch(() => undefined);
    const status = response?.status ?? 0;
    outcome.statuses.set(status, (outcome.statuses.get(status) ?? 0) + 1);
    if (response && status === 202) {
      const body = (await response.json()) as {
        accepted: number;
        duplicates: number;
        rejected: unknown[];
      };
      // A 2xx accounts for every event: stored now, or stored by an earlier attempt.
      expect(body.accepted + body.duplicates).toBe(batch.length);
      expect(body.rejected).toEqual([]);
      outcome.ok++;
      return;
    }
    expect([0, 429, 503]).toContain(status);
    outcome.retried++;
    // A real client waits Retry-After; the test waits less to stay quick.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `a batch was never stored; statuses so far: ${JSON.stringify([...outcome.statuses])}`,
  );
}

describe("a database outage during ingest", () => {
  // First in the file: the ingest service has read nothing yet in this process.
  it("recovers when its first request met the outage: nothing read then stays failed", async () => {
    const { ingestEvents } = await import("./service");
    const principal = { keyId: "k", projectId, projectSlug: "fleet", scopes: ["ingest" as const] };
    const body = (events: object[]) => ({
      read: async () => Buffer.from(JSON.stringify({ events })),
      contentType: "application/json",
      contentEncoding: null,
    });
    proxy.cut();
    try {
      await expect(
        ingestEvents(principal, body([{ code: 1, deviceId: "d" }])),
      ).rejects.toMatchObject({ kind: "unavailable" });
    } finally {
      proxy.restore();
    }
    const stored = await ingestEvents(
      principal,
      body([{ code: 1, deviceId: "d", eventId: "first" }]),
    );
    expect(stored).toMatchObject({ accepted: 1, rejected: [] });
  });

  it("loses nothing and doubles nothing", async () => {
    const outcome: Outcome = { ok: 0, retried: 0, statuses: new Map() };
    const sent: string[] = [];
    // The first outage is on before the first batch: what the first request reads once for the
    // process (the device-hash key) must not stay failed when the database comes back.
    proxy.cut();
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let b = 0; b < BATCHES_PER_CLIENT; b++) {
        const batch = Array.from({ length: EVENTS_PER_BATCH }, (_, i) => {
          const eventId = `c${client}-b${b}-e${i}`;
          sent.push(eventId);
          return { code: 50502, eventId };
        });
        await sendUntilStored(batch, outcome);
      }
    });
    // Cut the database twice while the clients run.
    const outages = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      proxy.restore();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      proxy.restore();
    })();
    await Promise.all([...clients, outages]);

    expect(outcome.ok).toBe(CLIENTS * BATCHES_PER_CLIENT);
    expect(outcome.retried, `statuses: ${JSON.stringify([...outcome.statuses])}`).toBeGreaterThan(
      0,
    );
    expect(outcome.statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(outcome.statuses.get(500) ?? 0).toBe(0);

    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    try {
      const { rows } = await sql.query(
        `SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct_ids FROM event`,
      );
      expect(rows[0]).toEqual({ total: sent.length + 1, distinct_ids: sent.length + 1 });
      const stored = await sql.query(`SELECT event_id FROM event WHERE event_id <> 'first'`);
      expect(new Set(stored.rows.map((r) => r.event_id))).toEqual(new Set(sent));
      await mergeAggregateDeltas(sql);
      const minute = await sql.query(`SELECT sum(count)::int AS n FROM event_minute`);
      expect(minute.rows[0].n).toBe(sent.length + 1);
    } finally {
      await sql.end();
    }
  }, 120_000);
});
