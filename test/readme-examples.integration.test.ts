/**
 * README.md's ingest examples, run as they stand against a real HTTP server and database: the
 * curl command with the real curl, and the OpenTelemetry snippet as a Node.js module with
 * OpenTelemetry's own packages. Only the server's address and the key are put in.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "@/lib/db/migrations";
import { mergeAggregateDeltas } from "@/lib/telemetry/aggregates";
import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";
import { readmeExample, readReadme } from "@/test/support/readme";

const run = promisify(execFile);
const readme = readReadme();

let fixture: IngestFixture;
let server: RouteServer;

beforeAll(async () => {
  fixture = await startIngestFixture({ projectSlug: "readme" });
  const events = await import("@/app/api/v1/events/route");
  const logs = await import("@/app/v1/logs/route");
  server = await serveRoutes({ "POST /api/v1/events": events.POST, "POST /v1/logs": logs.POST });
});

afterAll(async () => {
  await server?.close();
  await fixture?.close();
});

async function storedEvents(where: string, params: unknown[]) {
  const { rows } = await fixture.sql.query(
    `SELECT code, event_id, host, exception, message, app, app_version, occurred_at, received_at
     FROM event WHERE project_id = $1 AND ${where} ORDER BY code`,
    [fixture.projectId, ...params],
  );
  return rows;
}

describe("README.md's curl example", () => {
  it("is answered as the README says, and its event is stored and counted", async () => {
    const script = readmeExample(readme, "ingest-curl");
    const answer = /^# -> (\d{3}) (.+)$/m.exec(script);
    expect(answer, "the example ends with '# -> <status> <body>'").not.toBeNull();
    // The real curl, made to print the status after the body.
    const prelude = `curl() { command curl --silent --show-error --write-out '\\n%{http_code}' "$@"; }\n`;
    const { stdout } = await run(
      "bash",
      ["-c", prelude + script.replaceAll("http://localhost:3000", server.url)],
      { env: { ...process.env, KEY: fixture.key }, timeout: 30_000 },
    );
    const lines = stdout.trimEnd().split("\n");
    const status = lines.pop();
    expect(status).toBe(answer?.[1]);
    expect(JSON.parse(lines.join("\n"))).toEqual(JSON.parse(answer?.[2] ?? "null"));

    const [event, ...others] = await storedEvents("event_id = $2", ["e-1"]);
    expect(others).toHaveLength(0);
    expect(event).toMatchObject({
      code: 50502,
      host: "a1.example.com",
      exception: "javax.net.ssl.SSLHandshakeException",
      app: "smartlife",
      app_version: "5.2.1",
    });
    // sentAt is 5 s after the timestamp: the event is placed 5 s before it arrived.
    const placed = new Date(event.received_at).getTime() - new Date(event.occurred_at).getTime();
    expect(Math.abs(placed - 5_000)).toBeLessThan(1_000);

    await mergeAggregateDeltas(fixture.sql);
    const { rows } = await fixture.sql.query(
      `SELECT coalesce(sum(count), 0)::int AS n FROM event_minute
       WHERE project_id = $1 AND code = 50502`,
      [fixture.projectId],
    );
    expect(rows[0].n).toBe(1);
  });
});

describe("README.md's OpenTelemetry example", () => {
  it("runs as a Node.js module and its two errors arrive as events", async () => {
    // Inside the project, so that the module finds the @opentelemetry packages.
    const dir = path.join(PROJECT_ROOT, "node_modules", ".cache", "codewatch-readme");
    const file = path.join(dir, `report-errors-${randomUUID()}.mjs`);
    await mkdir(dir, { recursive: true });
    await writeFile(file, readmeExample(readme, "ingest-otel"));
    try {
      await run(process.execPath, [file], {
        env: { ...process.env, CODEWATCH_URL: server.url, CODEWATCH_INGEST_KEY: fixture.key },
        timeout: 30_000,
      });
    } finally {
      await rm(file, { force: true });
    }

    // Every event but the curl example's.
    const fromOtel = await storedEvents("event_id <> $2", ["e-1"]);
    expect(fromOtel).toMatchObject([
      {
        code: 50502,
        exception: "javax.net.ssl.SSLHandshakeException",
        message: "Chain validation failed",
        host: "a1.example.com",
        app: "smartlife",
        app_version: "5.2.1",
      },
      {
        code: 50504,
        exception: "java.net.UnknownHostException",
        message: 'Unable to resolve host "a1.example.com"',
        host: "a1.example.com",
        app: "smartlife",
        app_version: "5.2.1",
      },
    ]);
    for (const event of fromOtel) expect(event.event_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
