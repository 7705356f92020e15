/**
 * POST /v1/logs against a real database, with OpenTelemetry's own exporters as the clients: the
 * OTLP/HTTP JSON and protobuf log exporters send to a local HTTP server that hands each request
 * to the route handler, as the Next.js server would.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { SeverityNumber } from "@opentelemetry/api-logs";
import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchLogRecordProcessor,
  LoggerProvider,
  SimpleLogRecordProcessor,
  type LogRecordExporter,
  type LogRecordProcessor,
} from "@opentelemetry/sdk-logs";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { mergeAggregateDeltas } from "@/lib/telemetry/aggregates";
import { ORIGIN, startIngestFixture, type IngestFixture } from "@/test/support/app";

import { ExportLogsServiceRequest, ExportLogsServiceResponse } from "./proto/logs";

interface Exchange {
  /** The request's content type and encoding, as the exporter sent them. */
  sent: { contentType?: string; contentEncoding?: string };
  status: number;
  contentType: string | null;
  /** The ExportLogsServiceResponse (or problem) as the exporter received it, decoded. */
  body: { partialSuccess?: { rejectedLogRecords?: number | string; errorMessage?: string } };
}

let fixture: IngestFixture;
let route: typeof import("@/app/v1/logs/route");
let keys: { ingest: string; read: string };
let projectId: string;
let sql: pg.Client;
let server: Server;
let endpoint: string;
let exchanges: Exchange[] = [];

// Hop-by-hop and framing headers belong to the connection, not to the Request we rebuild.
const CONNECTION_HEADERS = new Set(["host", "connection", "keep-alive", "content-length"]);

function toRequest(incoming: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (CONNECTION_HEADERS.has(name) || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return new Request(`${ORIGIN}${incoming.url}`, {
    method: incoming.method,
    headers,
    body: body.length ? new Uint8Array(body) : undefined,
  });
}

function decodeBody(contentType: string | null, bytes: Buffer): Exchange["body"] {
  if (contentType === "application/x-protobuf") {
    const message = ExportLogsServiceResponse.decode(bytes);
    return ExportLogsServiceResponse.toObject(message, { longs: Number });
  }
  return JSON.parse(bytes.toString("utf8"));
}

async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  if (incoming.method !== "POST" || incoming.url !== "/v1/logs") {
    outgoing.writeHead(404).end();
    return;
  }
  const response = await route.POST(toRequest(incoming, Buffer.concat(chunks)), {
    params: Promise.resolve({}),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const contentType = response.headers.get("content-type");
  exchanges.push({
    sent: {
      contentType: incoming.headers["content-type"],
      contentEncoding: incoming.headers["content-encoding"],
    },
    status: response.status,
    contentType,
    body: decodeBody(contentType, bytes),
  });
  outgoing.writeHead(response.status, Object.fromEntries(response.headers)).end(bytes);
}

beforeAll(async () => {
  fixture = await startIngestFixture({ projectSlug: "otel-fleet" });
  ({ projectId, sql } = fixture);
  keys = { ingest: fixture.key, read: await fixture.createKey(["read"]) };
  route = await import("@/app/v1/logs/route");
  server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      console.error(error);
      outgoing.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/logs`;
});

afterAll(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await fixture?.close();
});

beforeEach(() => {
  exchanges = [];
});

const resource = resourceFromAttributes({
  "service.name": "smartlife",
  "service.version": "5.2.1",
  "os.name": "Android",
  "os.version": "7.0",
  "android.os.api_level": "24",
  "device.model.identifier": "SM-G920F",
  "network.connection.type": "wifi",
});

/** Three 50502 errors and one info line without error.code, through a real LoggerProvider. */
async function emitThroughSdk(processor: LogRecordProcessor, tag: string): Promise<void> {
  const provider = new LoggerProvider({ resource, processors: [processor] });
  const logger = provider.getLogger("net.okhttp", "4.12.0");
  for (let i = 0; i < 3; i++) {
    logger.emit({
      severityNumber: SeverityNumber.ERROR,
      severityText: "ERROR",
      body: "request failed",
      attributes: {
        "error.code": 50502,
        "exception.type": "javax.net.ssl.SSLHandshakeException",
        "exception.message": tag,
        "server.address": "a1.example.com",
        "network.peer.address": "203.0.113.7",
        "network.protocol.name": "http",
        "network.protocol.version": "2",
        "http.route": "/v1/devices",
        attempt: i,
      },
    });
  }
  logger.emit({
    severityNumber: SeverityNumber.INFO,
    body: `${tag} retried`,
    attributes: { "http.route": "/v1/devices" },
  });
  await provider.forceFlush();
  await provider.shutdown();
}

function totalRejected(): number {
  return exchanges.reduce(
    (sum, e) => sum + Number(e.body.partialSuccess?.rejectedLogRecords ?? 0),
    0,
  );
}

/** Code 50502's count in the project's per-minute aggregate, every waiting batch merged. */
async function aggregated50502(): Promise<number> {
  await mergeAggregateDeltas(sql);
  const minute = await sql.query(
    `SELECT coalesce(sum(count), 0)::int AS n FROM event_minute
     WHERE project_id = $1 AND code = 50502`,
    [projectId],
  );
  return minute.rows[0].n;
}

/** The three records of `tag` are stored whole, and counted once in the aggregate. */
async function expectStoredEvents(tag: string, aggregatedBefore: number): Promise<void> {
  const rows = (
    await sql.query(
      `SELECT code, host, remote_ip, http_protocol, exception, app, app_version, platform,
              os_version, api_level, device_model, network, attributes, occurred_at
       FROM event WHERE project_id = $1 AND message = $2 ORDER BY attributes->>'attempt'`,
      [projectId, tag],
    )
  ).rows;
  expect(rows).toHaveLength(3);
  for (const [i, row] of rows.entries()) {
    expect(row).toMatchObject({
      code: 50502,
      host: "a1.example.com",
      remote_ip: "203.0.113.7",
      http_protocol: "h2",
      exception: "javax.net.ssl.SSLHandshakeException",
      app: "smartlife",
      app_version: "5.2.1",
      platform: "android",
      os_version: "7.0",
      api_level: 24,
      device_model: "SM-G920F",
      network: "wifi",
      attributes: { "http.route": "/v1/devices", attempt: i },
    });
    expect(Math.abs(new Date(row.occurred_at).getTime() - Date.now())).toBeLessThan(60_000);
  }
  expect(await aggregated50502()).toBe(aggregatedBefore + 3);
}

describe("POST /v1/logs with OpenTelemetry's exporters", () => {
  it("stores the error records sent by the OTLP/HTTP JSON exporter, one request per record", async () => {
    const tag = randomUUID();
    const before = await aggregated50502();
    const exporter: LogRecordExporter = new JsonLogExporter({
      url: endpoint,
      headers: { Authorization: `Bearer ${keys.ingest}` },
    });
    await emitThroughSdk(new SimpleLogRecordProcessor({ exporter }), tag);

    expect(exchanges).toHaveLength(4);
    expect(exchanges[0]!.sent.contentType).toBe("application/json");
    expect(exchanges.every((e) => e.status === 200)).toBe(true);
    expect(exchanges.every((e) => e.contentType?.startsWith("application/json"))).toBe(true);
    expect(totalRejected()).toBe(1);
    const partial = exchanges.find((e) => e.body.partialSuccess)!.body.partialSuccess!;
    expect(partial).toEqual({
      rejectedLogRecords: "1",
      errorMessage: "1 log record: no error.code attribute",
    });
    await expectStoredEvents(tag, before);
  });

  it("stores the error records sent by the protobuf exporter, batched and gzipped", async () => {
    const tag = randomUUID();
    const before = await aggregated50502();
    const exporter: LogRecordExporter = new ProtoLogExporter({
      url: endpoint,
      headers: { Authorization: `Bearer ${keys.ingest}` },
      compression: "gzip" as NonNullable<
        ConstructorParameters<typeof ProtoLogExporter>[0]
      >["compression"],
    });
    await emitThroughSdk(new BatchLogRecordProcessor({ exporter }), tag);

    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({
      sent: { contentType: "application/x-protobuf", contentEncoding: "gzip" },
      status: 200,
      contentType: "application/x-protobuf",
      body: {
        partialSuccess: {
          rejectedLogRecords: 1,
          errorMessage: "1 log record: no error.code attribute",
        },
      },
    });
    await expectStoredEvents(tag, before);
  });

  it("tells the exporter nothing was rejected when every record is an error", async () => {
    const provider = new LoggerProvider({
      resource,
      processors: [
        new BatchLogRecordProcessor({
          exporter: new ProtoLogExporter({
            url: endpoint,
            headers: { Authorization: `Bearer ${keys.ingest}` },
          }),
        }),
      ],
    });
    provider.getLogger("app").emit({ attributes: { "error.code": "10202" } });
    await provider.forceFlush();
    await provider.shutdown();
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ status: 200, contentType: "application/x-protobuf" });
    expect(exchanges[0]!.body).toEqual({});
  });
});

function post(body: string | Buffer, headers: Record<string, string> = {}) {
  return route.POST(
    new Request(`${ORIGIN}/v1/logs`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${keys.ingest}`,
        "content-type": "application/json",
        ...headers,
      },
      body: typeof body === "string" ? body : new Uint8Array(body),
    }),
    { params: Promise.resolve({}) },
  );
}

const oneRecord = (attributes: { key: string; value: Record<string, unknown> }[]) =>
  JSON.stringify({
    resourceLogs: [
      {
        scopeLogs: [
          { logRecords: [{ timeUnixNano: `${Date.now()}000000`, attributes: attributes }] },
        ],
      },
    ],
  });

describe("POST /v1/logs, the edges", () => {
  it("counts a record sent again with the same log.record.uid as a duplicate, not a rejection", async () => {
    const uid = randomUUID();
    const body = oneRecord([
      { key: "error.code", value: { intValue: "50503" } },
      { key: "log.record.uid", value: { stringValue: uid } },
    ]);
    for (let i = 0; i < 2; i++) {
      const response = await post(body);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({});
    }
    const stored = await sql.query(`SELECT count(*)::int AS n FROM event WHERE event_id = $1`, [
      uid,
    ]);
    expect(stored.rows[0].n).toBe(1);
  });

  it("reports an event that validation refuses in partialSuccess", async () => {
    const response = await post(oneRecord([{ key: "error.code", value: { intValue: "-1" } }]));
    const body = await response.json();
    expect(body.partialSuccess.rejectedLogRecords).toBe("1");
    expect(body.partialSuccess.errorMessage).toMatch(/^1 log record: invalid event \(code: /);
  });

  it("answers 401 without a key, and for a key without the ingest scope", async () => {
    expect((await post("{}", { authorization: "" })).status).toBe(401);
    expect((await post("{}", { authorization: `Bearer ${keys.read}` })).status).toBe(401);
  });

  it("answers 400, 413 and 415 for unreadable, oversized and unknown bodies", async () => {
    expect((await post("{oops")).status).toBe(400);
    expect((await post("{}", { "content-type": "text/plain" })).status).toBe(415);
    expect((await post(Buffer.alloc(6 * 1024 * 1024, 32))).status).toBe(413);
  });

  describe("a record whose only flaw is an incidental field is stored, and the flaw reported", () => {
    const flawed = (tag: string) => ({
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: `${Date.now()}000000`,
                  // A NUL in the body (it becomes the message).
                  body: { stringValue: `${tag} a\u0000b` },
                  attributes: [
                    { key: "error.code", value: { intValue: "50502" } },
                    // Attributes codewatch does not map: a NUL value, a key with a lone
                    // surrogate, a value that ends in half an emoji.
                    { key: "nul.value", value: { stringValue: "x\u0000y" } },
                    { key: "broken.\ud800", value: { stringValue: "v" } },
                    { key: "half.emoji", value: { stringValue: "ok \ud83d" } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });

    /** The record is stored, cleaned as `attributes` says, and the changes are reported. */
    async function expectStored(
      tag: string,
      partial: { rejectedLogRecords?: unknown; errorMessage?: string },
      attributes: Record<string, unknown>,
      reported: RegExp[],
    ) {
      expect(Number(partial.rejectedLogRecords ?? 0)).toBe(0);
      for (const pattern of reported) expect(partial.errorMessage).toMatch(pattern);
      const { rows } = await sql.query(
        `SELECT message, attributes FROM event WHERE project_id = $1 AND message LIKE $2`,
        [projectId, `${tag}%`],
      );
      expect(rows).toEqual([{ message: `${tag} ab`, attributes }]);
    }

    it("over OTLP/JSON", async () => {
      const tag = randomUUID();
      // JSON.stringify writes the lone surrogates as \ud800 escapes, as an exporter would.
      const response = await post(JSON.stringify(flawed(tag)));
      expect(response.status).toBe(200);
      await expectStored(
        tag,
        (await response.json()).partialSuccess,
        { "nul.value": "xy", "half.emoji": "ok \ufffd" },
        [
          /stored, but message NUL characters removed/,
          /stored, but attributes a key was dropped/,
          /stored, but attributes\.half\.emoji broken surrogates replaced/,
        ],
      );
    });

    it("over protobuf", async () => {
      const tag = randomUUID();
      const message = ExportLogsServiceRequest.fromObject(
        JSON.parse(JSON.stringify(flawed(tag))) as Record<string, unknown>,
      );
      const response = await post(Buffer.from(ExportLogsServiceRequest.encode(message).finish()), {
        "content-type": "application/x-protobuf",
      });
      expect(response.status).toBe(200);
      const answer = ExportLogsServiceResponse.toObject(
        ExportLogsServiceResponse.decode(new Uint8Array(await response.arrayBuffer())),
        { longs: Number },
      ) as { partialSuccess: { rejectedLogRecords?: number; errorMessage?: string } };
      // Protobuf carries the lone surrogates as bytes that are not UTF-8: they are read as U+FFFD
      // (proto/logs.ts), so only the NULs are left for validation to remove.
      await expectStored(
        tag,
        answer.partialSuccess,
        {
          "nul.value": "xy",
          [`broken.${"\ufffd".repeat(3)}`]: "v",
          "half.emoji": `ok ${"\ufffd".repeat(3)}`,
        },
        [/stored, but message NUL characters removed/, /stored, but attributes\.nul\.value/],
      );
    });
  });
});
