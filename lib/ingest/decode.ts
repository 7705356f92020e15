/**
 * Turning an ingest request body into raw events: gzip (bounded, so a bomb stops at the limit),
 * then JSON (a batch envelope) or NDJSON (one event per line). Whole-request problems are
 * HttpErrors (400, 413, 415); problems of single events are left to validation.
 */
import { promisify } from "node:util";
import { gunzip } from "node:zlib";

import { HttpError } from "../http/problem";
import { batchEnvelope, MAX_EVENTS_PER_BATCH } from "./event-schema";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const gunzipAsync = promisify(gunzip);

export interface RawBatch {
  sentAt?: string | number;
  context?: unknown;
  /** Each event as parsed, or the reason its NDJSON line could not be parsed. */
  events: ({ ok: true; value: unknown } | { ok: false; error: string })[];
}

const tooLarge = () =>
  new HttpError(
    413,
    `At most ${MAX_EVENTS_PER_BATCH} events and ${MAX_BODY_BYTES} bytes (decompressed) per request.`,
    {
      slug: "body-too-large",
    },
  );

export async function decompress(body: Buffer, contentEncoding: string | null): Promise<Buffer> {
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return body;
  if (encoding !== "gzip") {
    throw new HttpError(415, "Content-Encoding must be gzip or absent.", {
      slug: "unsupported-media-type",
    });
  }
  try {
    return await gunzipAsync(body, { maxOutputLength: MAX_BODY_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw new HttpError(400, "The body is not valid gzip.", { slug: "invalid-body" });
  }
}

function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "The body is not valid UTF-8.", { slug: "invalid-body" });
  }
}

function parseJsonBatch(text: string): RawBatch {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, "The body is not valid JSON.", { slug: "invalid-body" });
  }
  if (
    Array.isArray((parsed as { events?: unknown })?.events) &&
    (parsed as { events: unknown[] }).events.length > MAX_EVENTS_PER_BATCH
  ) {
    throw tooLarge();
  }
  const envelope = batchEnvelope.safeParse(parsed);
  if (!envelope.success) {
    throw new HttpError(400, "The body must be {sentAt?, context?, events: [...]}.", {
      slug: "invalid-body",
      errors: envelope.error.issues.map((i) => ({
        field: ["body", ...i.path.map(String)].join("."),
        message: i.message,
      })),
    });
  }
  return {
    sentAt: envelope.data.sentAt,
    context: envelope.data.context,
    events: envelope.data.events.map((value) => ({ ok: true as const, value })),
  };
}

function parseNdjson(text: string): RawBatch {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  if (lines.length > MAX_EVENTS_PER_BATCH) throw tooLarge();
  return {
    events: lines.map((line) => {
      try {
        return { ok: true as const, value: JSON.parse(line) as unknown };
      } catch {
        return { ok: false as const, error: "not a JSON object on this line" };
      }
    }),
  };
}

/** Reads the batch from the (already size-limited) body bytes. */
export async function decodeBatch(
  body: Buffer,
  headers: { contentType: string | null; contentEncoding: string | null },
): Promise<RawBatch> {
  const type = (headers.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const isJson = type === "application/json";
  const isNdjson = type === "application/x-ndjson" || type === "application/ndjson";
  if (!isJson && !isNdjson) {
    throw new HttpError(415, "Send application/json or application/x-ndjson.", {
      slug: "unsupported-media-type",
    });
  }
  const text = utf8(await decompress(body, headers.contentEncoding));
  return isJson ? parseJsonBatch(text) : parseNdjson(text);
}
