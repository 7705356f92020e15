/**
 * Reading a JSON request body with a size limit: the limit is checked against Content-Length
 * first and enforced again while reading, so a lying or missing Content-Length cannot make the
 * server buffer more than the limit.
 */
import { InvalidInputError, TooLargeError, UnsupportedError } from "../errors";

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

export async function readBodyBytes(request: Request, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) {
    throw new TooLargeError(`The body is larger than ${limitBytes} bytes.`);
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      throw new TooLargeError(`The body is larger than ${limitBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readBodyText(request: Request, limitBytes: number): Promise<string> {
  const bytes = await readBodyBytes(request, limitBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidInputError("The body is not valid UTF-8.", [], "invalid-body");
  }
}

export async function readJsonBody(
  request: Request,
  limitBytes = DEFAULT_BODY_LIMIT_BYTES,
): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new UnsupportedError("Send the body as application/json.");
  }
  const text = await readBodyText(request, limitBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInputError("The body is not valid JSON.", [], "invalid-body");
  }
}

/**
 * A request's body as the ingest service takes it (lib/ingest/service.ts): read on demand,
 * within the limit the service sets, with the two headers that say how it is encoded.
 */
export function bodyOf(request: Request) {
  return {
    read: (limitBytes: number) => readBodyBytes(request, limitBytes),
    contentType: request.headers.get("content-type"),
    contentEncoding: request.headers.get("content-encoding"),
  };
}
