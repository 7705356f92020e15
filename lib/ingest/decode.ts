/**
 * Turning an ingest request body into raw events: gzip (bounded, so a bomb stops at the limit),
 * then JSON (a batch envelope) or NDJSON (one event per line). Whole-request problems are domain
 * errors (InvalidInputError, TooLargeError, UnsupportedError); problems of single events are
 * left to validation.
 */
import { promisify } from "node:util";
import { gunzip } from "node:zlib";

import { InvalidInputError, TooLargeError, UnsupportedError } from "../errors";
import { batchEnvelope, MAX_EVENTS_PER_BATCH } from "./event-schema";
import { checkInstant } from "./fields";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const gunzipAsync = promisify(gunzip);

export interface RawBatch {
  /** When the device sent the batch, by its own clock, in epoch milliseconds. */
  sentAt?: number;
  context?: unknown;
  /** Each event as parsed, or the reason its NDJSON line could not be parsed. */
  events: ({ ok: true; value: unknown } | { ok: false; error: string })[];
}

const tooLarge = () =>
  new TooLargeError(
    `At most ${MAX_EVENTS_PER_BATCH} events and ${MAX_BODY_BYTES} bytes (decompressed) per request.`,
  );

const invalidBody = (message: string, errors: { field: string; message: string }[] = []) =>
  new InvalidInputError(message, errors, "invalid-body");

/**
 * Content codings read: none, and gzip under both its names (RFC 9110 §8.4.1.3: a recipient
 * SHOULD treat "x-gzip" as "gzip"). Coding names are case-insensitive.
 */
const GZIP_CODINGS = new Set(["gzip", "x-gzip"]);

export async function decompress(body: Buffer, contentEncoding: string | null): Promise<Buffer> {
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return body;
  if (!GZIP_CODINGS.has(encoding)) {
    throw new UnsupportedError("Content-Encoding must be gzip (or x-gzip) or absent.");
  }
  try {
    return await gunzipAsync(body, { maxOutputLength: MAX_BODY_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw invalidBody("The body is not valid gzip.");
  }
}

function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalidBody("The body is not valid UTF-8.");
  }
}

function parseJsonBatch(text: string): RawBatch {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidBody("The body is not valid JSON.");
  }
  if (
    Array.isArray((parsed as { events?: unknown })?.events) &&
    (parsed as { events: unknown[] }).events.length > MAX_EVENTS_PER_BATCH
  ) {
    throw tooLarge();
  }
  const envelope = batchEnvelope.safeParse(parsed);
  if (!envelope.success) {
    throw invalidBody(
      "The body must be {sentAt?, context?, events: [...]}.",
      envelope.error.issues.map((i) => ({
        field: ["body", ...i.path.map(String)].join("."),
        message: i.message,
      })),
    );
  }
  // sentAt places every event of the batch in time (clock.ts): a wrong one refuses the batch.
  let sentAt: number | undefined;
  if (envelope.data.sentAt !== undefined) {
    const checked = checkInstant(envelope.data.sentAt);
    if (!checked.ok) {
      throw invalidBody("The batch's sentAt is invalid.", [
        { field: "body.sentAt", message: checked.reason },
      ]);
    }
    sentAt = checked.value;
  }
  return {
    sentAt,
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
    throw new UnsupportedError("Send application/json or application/x-ndjson.");
  }
  const text = utf8(await decompress(body, headers.contentEncoding));
  return isJson ? parseJsonBatch(text) : parseNdjson(text);
}
