import { pipeline, Readable } from "node:stream";
import zlib from "node:zlib";

/**
 * A large JSON answer sent in pieces. A month of every code's hourly series is ~3.5 MB of JSON:
 * built as one string (plus its UTF-8 copy), each answer puts two 3 MB objects in V8's old
 * generation, and with the server's heap flags (scripts/commands/next.ts) that forces a full GC
 * every few requests, the slow tail of those requests (p95 103–108 ms against 85–93 ms without
 * the flags, docs/performance.md). Pieces of tens of kilobytes die young, in the cheap
 * scavenges. The bytes are the same as JSON.stringify of the whole.
 *
 * Compressed here, at a fast level, when `acceptEncoding` (the request's Accept-Encoding,
 * RFC 9110 §12.5.3) allows: Next.js's own compression is gzip at level 6, which took ~50 ms of
 * the server's one thread for that month of series (318 KB); brotli at quality 1 takes ~25 ms
 * (344 KB), gzip at level 1 ~29 ms (382 KB). Next.js leaves a response that already has a
 * Content-Encoding alone.
 */
export function jsonPieces(
  pieces: Iterable<string>,
  init: ResponseInit = {},
  acceptEncoding: string | null = null,
): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  const encoding = fastestAccepted(acceptEncoding);
  if (encoding === undefined) return new Response(uncompressed(pieces), { ...init, headers });
  headers.set("content-encoding", encoding);
  headers.append("vary", "accept-encoding");
  const compressor =
    encoding === "br"
      ? zlib.createBrotliCompress({
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 1,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          },
        })
      : zlib.createGzip({ level: 1 });
  // pipeline: an error while the pieces are made ends the body with it instead of hanging.
  const body = pipeline(Readable.from(utf8(pieces)), compressor, () => {});
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { ...init, headers });
}

function uncompressed(pieces: Iterable<string>): ReadableStream<Uint8Array> {
  const iterator = utf8(pieces);
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}

/**
 * The pieces as UTF-8, gathered into chunks of at least ~64 KB: brotli at its fast qualities
 * compresses each write on its own, and pieces of a few dozen bytes came out larger than the
 * JSON itself.
 */
function* utf8(pieces: Iterable<string>): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let pending: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    pending.push(piece);
    length += piece.length;
    if (length >= CHUNK_CHARS) {
      yield encoder.encode(pending.join(""));
      pending = [];
      length = 0;
    }
  }
  if (length > 0) yield encoder.encode(pending.join(""));
}

const CHUNK_CHARS = 64 * 1024;

/** "br" or "gzip" when the Accept-Encoding value allows it (a q of 0 refuses), br first. */
export function fastestAccepted(acceptEncoding: string | null): "br" | "gzip" | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Set<string>();
  for (const entry of acceptEncoding.split(",")) {
    const [name, ...params] = entry.split(";").map((part) => part.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return undefined;
}

/**
 * The pieces of `{...head, [key]: [...items]}` (`items` stringified one by one), for jsonPieces.
 * `head` must be a plain object whose last key is not `key`.
 */
export function* objectWithLargeArray(
  head: Record<string, unknown>,
  key: string,
  items: Iterable<unknown>,
  tail: Record<string, unknown> = {},
): Generator<string> {
  const opening = JSON.stringify(head);
  yield `${opening.slice(0, -1)}${opening.length > 2 ? "," : ""}${JSON.stringify(key)}:[`;
  let first = true;
  for (const item of items) {
    yield (first ? "" : ",") + JSON.stringify(item);
    first = false;
  }
  const closing = JSON.stringify(tail);
  yield `]${closing.length > 2 ? "," + closing.slice(1) : "}"}`;
}
