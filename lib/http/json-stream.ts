/**
 * A large JSON answer sent in pieces. A month of every code's hourly series is ~3 MB of JSON:
 * built as one string (plus its UTF-8 copy), each answer puts two 3 MB objects in V8's old
 * generation, and with the server's heap flags (scripts/commands/next.ts) that forces a full GC
 * every few requests, the slow tail of those requests (p95 103–108 ms against 85–93 ms without
 * the flags, docs/performance.md). Pieces of tens of kilobytes die young, in the cheap
 * scavenges. The bytes are the same as JSON.stringify of the whole.
 */
export function jsonPieces(pieces: Iterable<string>, init: ResponseInit = {}): Response {
  const encoder = new TextEncoder();
  const iterator = pieces[Symbol.iterator]();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return new Response(body, { ...init, headers });
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
