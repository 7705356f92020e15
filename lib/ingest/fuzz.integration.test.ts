/**
 * 10,000+ hostile requests at the ingest endpoint over real HTTP: never a 5xx, the server keeps
 * answering, and memory stays bounded. Seeded: a failure names its seed and index.
 */
import net from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { mulberry32 } from "@/lib/simulate/traffic-model";
import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { hostileRequest } from "@/test/support/hostile-inputs";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";

const SEED = 20261126;
const REQUESTS = 10_000;
const WORKERS = 8;

let fixture: IngestFixture;
let server: RouteServer;
let key: string;

beforeAll(async () => {
  fixture = await startIngestFixture({
    env: { CW_INGEST_REQUESTS_PER_SECOND: "100000", CW_INGEST_MAX_IN_FLIGHT: "64" },
  });
  key = fixture.key;
  server = await serveRoutes({
    "POST /api/v1/events": (await import("@/app/api/v1/events/route")).POST,
  });
});

afterAll(async () => {
  await server?.close();
  await fixture?.close();
});

/** A raw request whose Content-Length lies; returns the status line's code, or 0 if closed. */
function lyingRequest(port: number, declared: number, body: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    socket.setTimeout(2000, () => socket.destroy());
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on("error", () => {});
    socket.end(
      `POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${declared}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

describe("ingest under hostile input", () => {
  it(`answers ${REQUESTS} hostile requests without a 5xx, within bounded memory`, async () => {
    const random = mulberry32(SEED);
    const requests = Array.from({ length: REQUESTS }, () => hostileRequest(random));
    const statuses = new Map<string, number>();
    const failures: string[] = [];
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let next = 0;

    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < requests.length) {
          const index = next++;
          const request = requests[index]!;
          const response = await fetch(`${server.url}/api/v1/events`, {
            method: "POST",
            headers: { authorization: `Bearer ${key}`, ...request.headers },
            body: new Uint8Array(request.body),
          });
          await response.arrayBuffer();
          const label = `${request.kind} ${response.status}`;
          statuses.set(label, (statuses.get(label) ?? 0) + 1);
          if (response.status >= 500) failures.push(`seed ${SEED} #${index}: ${label}`);
          if (index % 500 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
        }
      }),
    );

    const port = Number(new URL(server.url).port);
    const lies = await Promise.all([
      lyingRequest(port, 10_000_000, '{"events":[]}'),
      lyingRequest(port, 5, '{"events":[{"code":1}]}'),
      lyingRequest(port, -1, "{}"),
      lyingRequest(port, 100, "{"),
    ]);
    for (const status of lies)
      expect(status === 0 || status < 500, `lying Content-Length: ${status}`).toBe(true);

    expect(failures).toEqual([]);
    // The server still works after all that.
    const ok = await fetch(`${server.url}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ events: [{ code: 50502 }] }),
    });
    expect(ok.status).toBe(202);
    // Bounded: bodies are capped at 5 MiB and 8 are in flight, so growth stays far below this.
    expect(peakRss - rssBefore).toBeLessThan(600 * 1024 * 1024);
    console.info(`fuzz outcomes: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  }, 300_000);
});
