/**
 * /metrics and /api/health over real HTTP, and a real Prometheus (Debian's `prometheus`)
 * scraping /metrics and answering a query for the ingested-events counter.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";

const prometheusBinary = spawnSync("sh", ["-c", "command -v prometheus"], {
  encoding: "utf8",
}).stdout.trim();

let fixture: IngestFixture;
let server: RouteServer;
let key: string;

beforeAll(async () => {
  fixture = await startIngestFixture();
  key = fixture.key;
  server = await serveRoutes({
    "POST /api/v1/events": (await import("@/app/api/v1/events/route")).POST,
    "POST /v1/logs": (await import("@/app/v1/logs/route")).POST,
    "GET /metrics": (await import("@/app/metrics/route")).GET,
    "GET /api/health": (await import("@/app/api/health/route")).GET,
  });
  const response = await fetch(`${server.url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      events: [1, 2, 3, 4, 5]
        .map((): unknown => ({ code: 50502 }))
        .concat([{ code: "bad" }, { code: 50503, apiLevel: "x" }]),
    }),
  });
  expect(response.status).toBe(202);
  // The OTLP door, one error record and one that is not an event.
  const logs = await fetch(`${server.url}/v1/logs`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                { attributes: [{ key: "error.code", value: { intValue: "50504" } }] },
                { body: { stringValue: "an info line" } },
              ],
            },
          ],
        },
      ],
    }),
  });
  expect(logs.status).toBe(200);
  // A refused request counts too, by what refused it.
  const refused = await fetch(`${server.url}/v1/logs`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
    body: "{}",
  });
  expect(refused.status).toBe(415);
});

afterAll(async () => {
  await server?.close();
  await fixture?.close();
});

describe("operations endpoints", () => {
  it("answers health with 200 while the database answers", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("exposes ingest counters, outcomes and latency of both front doors in Prometheus text format", async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('codewatch_ingested_events_total{project="fleet",code="50502"} 5');
    expect(text).toContain('codewatch_ingested_events_total{project="fleet",code="50504"} 1');
    expect(text).toContain('codewatch_rejected_events_total{reason="code"} 1');
    expect(text).toContain('codewatch_ingest_warnings_total{field="apiLevel"} 1');
    // Both front doors, through the one ingest service.
    expect(text).toContain('codewatch_ingest_requests_total{endpoint="events",outcome="stored"} 1');
    expect(text).toContain('codewatch_ingest_requests_total{endpoint="otlp",outcome="stored"} 1');
    expect(text).toContain(
      'codewatch_ingest_requests_total{endpoint="otlp",outcome="unsupported"} 1',
    );
    expect(text).toContain('codewatch_ingest_duration_seconds_count{endpoint="events"} 1');
    expect(text).toContain('codewatch_ingest_duration_seconds_count{endpoint="otlp"} 2');
  });
});

describe.skipIf(!prometheusBinary && !process.env.CI)("a real Prometheus", () => {
  let prometheus: ChildProcess;
  let workDir: string;
  let prometheusUrl: string;

  beforeAll(async () => {
    if (!prometheusBinary)
      throw new Error("prometheus is not installed (apt-get install -y prometheus)");
    workDir = await mkdtemp(path.join(tmpdir(), "cw-prometheus-"));
    const target = new URL(server.url).host;
    await writeFile(
      path.join(workDir, "prometheus.yml"),
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: codewatch\n    static_configs:\n      - targets: ["${target}"]\n`,
    );
    const port = 19_090 + Math.floor(Math.random() * 500);
    prometheusUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      prometheusBinary,
      [
        `--config.file=${path.join(workDir, "prometheus.yml")}`,
        `--storage.tsdb.path=${path.join(workDir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: "ignore" },
    );
  });

  afterAll(async () => {
    prometheus?.kill("SIGTERM");
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("scrapes /metrics and its query API returns the ingested-events counter", async () => {
    const query = encodeURIComponent(
      'codewatch_ingested_events_total{project="fleet",code="50502"}',
    );
    let value: string | undefined;
    for (let attempt = 0; attempt < 60 && value === undefined; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const answer = await fetch(`${prometheusUrl}/api/v1/query?query=${query}`).catch(
        () => undefined,
      );
      const body = (await answer?.json().catch(() => undefined)) as
        { data?: { result?: { value: [number, string] }[] } } | undefined;
      value = body?.data?.result?.[0]?.value[1];
    }
    expect(value).toBe("5");
  }, 60_000);
});
