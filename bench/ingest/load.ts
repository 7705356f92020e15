/**
 * The ingest benchmark's load generator, run as its own process (bench/ingest/run.ts spawns
 * it) so that the orchestrator's event loop, the RSS sampler and the server never compete with
 * it for the same JavaScript thread.
 *
 * Request bodies are serialised before the timed window: a few templates of `batch` events whose
 * eventIds carry a fixed-width placeholder. Per request the generator copies a template and
 * writes the request's sequence number into the placeholders, so every eventId stays unique
 * while the generator spends microseconds, not milliseconds, per request.
 *
 * Prints one JSON line: { events, seconds, latencies }.
 */
import http from "node:http";
import { parseArgs } from "node:util";

import { benchEvent, eventIdOf, SEQUENCE_PLACEHOLDER, TEMPLATES } from "./events";

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    seconds: { type: "string", default: "60" },
    clients: { type: "string", default: "4" },
    batch: { type: "string", default: "500" },
    run: { type: "string", default: "0" },
    now: { type: "string" },
  },
});
const SECONDS = Number(args.seconds);
const CLIENTS = Number(args.clients);
const BATCH = Number(args.batch);
const RUN = Number(args.run);
const NOW = Number(args.now ?? Date.now());

interface Template {
  bytes: Buffer;
  offsets: number[];
}

/** Template t holds events t·batch … (t+1)·batch − 1 of the seeded mix. */
function template(t: number): Template {
  const events = Array.from({ length: BATCH }, (_, i) => {
    const n = t * BATCH + i;
    return { ...benchEvent(n, NOW), eventId: eventIdOf(RUN, SEQUENCE_PLACEHOLDER, i, NOW) };
  });
  const bytes = Buffer.from(JSON.stringify({ events }));
  const offsets: number[] = [];
  for (let at = bytes.indexOf(SEQUENCE_PLACEHOLDER); at >= 0;) {
    offsets.push(at);
    at = bytes.indexOf(SEQUENCE_PLACEHOLDER, at + SEQUENCE_PLACEHOLDER.length);
  }
  if (offsets.length !== BATCH) throw new Error("template placeholders do not match the batch");
  return { bytes, offsets };
}

function body(t: Template, sequence: number): Buffer {
  const bytes = Buffer.allocUnsafe(t.bytes.length);
  t.bytes.copy(bytes);
  const digits = String(sequence).padStart(SEQUENCE_PLACEHOLDER.length, "0");
  for (const at of t.offsets) bytes.write(digits, at, "latin1");
  return bytes;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
const target = new URL(`${args.url}/api/v1/events`);

function post(payload: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        headers: {
          authorization: `Bearer ${args.key}`,
          "content-type": "application/json",
          "content-length": payload.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

async function main() {
  const templates = Array.from({ length: TEMPLATES }, (_, t) => template(t));
  const latencies: number[] = [];
  let sequence = 0;
  let events = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const n = sequence++;
        const payload = body(templates[n % TEMPLATES]!, n);
        const t0 = performance.now();
        const response = await post(payload);
        latencies.push(performance.now() - t0);
        const accepted = (JSON.parse(response.text) as { accepted?: number }).accepted;
        if (response.status !== 202 || accepted !== BATCH) {
          throw new Error(`batch answered ${response.status} ${response.text.slice(0, 200)}`);
        }
        events += BATCH;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ events, seconds, latencies })}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
