/**
 * The simulator end to end: generated traffic through a real HTTP server (node:http in front of
 * the POST /api/v1/events handler) into a real database, as `cw simulate` sends it.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ORIGIN, startIngestFixture, type IngestFixture } from "@/test/support/app";

import { HOSTS, type GeneratedEvent } from "./population";
import { createTraffic } from "./scenarios";
import { EventSender } from "./sender";

const MINUTE = 60_000;
const HOUR = 3_600_000;

let fixture: IngestFixture;
let route: typeof import("@/app/api/v1/events/route");
let key: string;
let projectId: string;
let sql: pg.Client;

/** What the test server does with the n-th request before (or instead of) forwarding it. */
type Interceptor = (n: number) => "forward" | "503" | "store-then-drop";

interface TestServer {
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}

async function forward(req: http.IncomingMessage, body: Buffer): Promise<Response> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return route.POST(
    new Request(`${ORIGIN}${req.url}`, {
      method: req.method,
      headers,
      body: new Uint8Array(body),
    }),
    { params: Promise.resolve({}) },
  );
}

async function startServer(intercept: Interceptor = () => "forward"): Promise<TestServer> {
  let count = 0;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const action = intercept(++count);
    if (action === "503") {
      res.writeHead(503, { "retry-after": "1", "content-type": "application/problem+json" });
      res.end(
        JSON.stringify({
          type: "about:blank",
          title: "Service Unavailable",
          status: 503,
          detail: "busy",
        }),
      );
      return;
    }
    const response = await forward(req, Buffer.concat(chunks));
    if (action === "store-then-drop") {
      // The events are stored, but the answer never arrives: the client cannot know.
      res.destroy();
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  fixture = await startIngestFixture({ projectSlug: "simulated" });
  ({ projectId, sql, key } = fixture);
  route = await import("@/app/api/v1/events/route");
});

afterAll(async () => {
  await fixture?.close();
});

async function one<T>(query: string, params: unknown[] = []): Promise<T> {
  return (await sql.query(query, params)).rows[0] as T;
}

/** A few generated events of a seed of their own, so tests do not share eventIds. */
function someEvents(seed: number, n: number): GeneratedEvent[] {
  const traffic = createTraffic({ seed, rate: 20, populationSize: 500 });
  const minute = Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE;
  return traffic
    .eventsForMinute(minute)
    .filter((e) => e.clockOffsetMs === 0)
    .slice(0, n);
}

const countIds = async (events: GeneratedEvent[]) =>
  (
    await one<{ n: number }>(
      "SELECT count(*)::int AS n FROM event WHERE project_id = $1 AND event_id = ANY($2)",
      [projectId, events.map((e) => e.event.eventId)],
    )
  ).n;

describe("cw simulate against a real server", () => {
  it("backfills two hours of a certificate expiry: every accepted event stored, the surge visible on every host", async () => {
    const server = await startServer();
    try {
      const to = Date.now() - MINUTE;
      const from = to - 2 * HOUR;
      const start = Math.floor((from + HOUR) / 1000) * 1000;
      const traffic = createTraffic({
        seed: 2026,
        // At 3 events/s the surge clears 30× at any hour of the week (checked offline: ≥ 44×),
        // even when the evening decline lowers the hour after the start.
        rate: 3,
        populationSize: 5000,
        scenarios: [{ name: "cert-expiry", startMs: start, durationMs: 2 * HOUR }],
      });
      const sender = new EventSender({ url: server.url, key, batchSize: 500, concurrency: 4 });
      for (let m = Math.floor(from / MINUTE) * MINUTE; m < to; m += MINUTE) {
        await sender.add(traffic.eventsForMinute(m).filter((e) => e.atMs >= from && e.atMs < to));
      }
      await sender.flush();

      // Night or evening in the fleet: between roughly 7,000 and 35,000 events.
      expect(sender.stats.queued).toBeGreaterThan(2000);
      expect(sender.stats).toMatchObject({
        sent: sender.stats.queued,
        accepted: sender.stats.queued,
        duplicates: 0,
        rejected: 0,
      });
      const stored = await one<{ n: number }>(
        "SELECT count(*)::int AS n FROM event WHERE project_id = $1",
        [projectId],
      );
      expect(stored.n).toBe(sender.stats.accepted);

      const surge = await one<{ before: number; after: number }>(
        `SELECT count(*) FILTER (WHERE occurred_at < $2)::int AS before,
                count(*) FILTER (WHERE occurred_at >= $3)::int AS after
         FROM event WHERE project_id = $1 AND code = 50502`,
        [projectId, new Date(start), new Date(start + 2 * MINUTE)],
      );
      const beforePerMinute = surge.before / ((start - from) / MINUTE);
      const afterPerMinute = surge.after / ((to - start - 2 * MINUTE) / MINUTE);
      expect(afterPerMinute).toBeGreaterThanOrEqual(30 * Math.max(beforePerMinute, 0.2));

      const hosts = await sql.query(
        `SELECT host, count(*)::int AS n FROM event
         WHERE project_id = $1 AND code = 50502 AND occurred_at >= $2
           AND message LIKE 'Certificate expired at %' GROUP BY host`,
        [projectId, new Date(start)],
      );
      expect(hosts.rows.map((r) => r.host).sort()).toEqual(HOSTS.map((h) => h.name).sort());
      expect(Math.min(...hosts.rows.map((r) => r.n))).toBeGreaterThan(10);

      // Phones with a wrong clock sent a sentAt by that clock: their events land in the window,
      // with the drift kept as evidence.
      const skewed = await one<{ n: number; outside: number }>(
        `SELECT count(*)::int AS n,
                count(*) FILTER (WHERE occurred_at < $2 OR occurred_at > $3)::int AS outside
         FROM event WHERE project_id = $1 AND abs(clock_drift_ms) > 30 * 86400000::bigint`,
        [projectId, new Date(from - 10_000), new Date(to + 10_000)],
      );
      expect(skewed.n).toBeGreaterThan(0);
      expect(skewed.outside).toBe(0);
    } finally {
      await server.close();
    }
  }, 180_000);

  it("retries a 503 after Retry-After and stores the batch exactly once", async () => {
    const server = await startServer((n) => (n === 1 ? "503" : "forward"));
    try {
      const events = someEvents(31, 60);
      const sender = new EventSender({ url: server.url, key });
      const started = Date.now();
      await sender.add(events);
      await sender.flush();
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(server.requests()).toBe(2);
      expect(sender.stats).toMatchObject({ accepted: 60, duplicates: 0, retries: 1 });
      expect(await countIds(events)).toBe(60);
    } finally {
      await server.close();
    }
  });

  it("resends a batch whose answer was lost with the same eventIds: stored once, counted as duplicates", async () => {
    const server = await startServer((n) => (n === 1 ? "store-then-drop" : "forward"));
    try {
      const events = someEvents(32, 40);
      const sender = new EventSender({ url: server.url, key });
      await sender.add(events);
      await sender.flush();
      expect(server.requests()).toBe(2);
      expect(sender.stats).toMatchObject({ accepted: 0, duplicates: 40, retries: 1 });
      expect(await countIds(events)).toBe(40);
    } finally {
      await server.close();
    }
  });

  it("stops with a clear error when the key is refused", async () => {
    const server = await startServer();
    try {
      const sender = new EventSender({ url: server.url, key: `cw_${"x".repeat(43)}` });
      await sender.add(someEvents(33, 5));
      await expect(sender.flush()).rejects.toThrow(/the key was refused \(401\)/);
    } finally {
      await server.close();
    }
  });
});
