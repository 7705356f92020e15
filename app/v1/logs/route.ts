import { ingestTelemetry } from "@/lib/auth/access-rules";
import { readBodyBytes } from "@/lib/http/body";
import { HttpError } from "@/lib/http/problem";
import { apiRoute } from "@/lib/http/route";
import { MAX_BODY_BYTES } from "@/lib/ingest/decode";
import { admit, ingestRawBatch } from "@/lib/ingest/service";
import { decodeLogsRequest, logsResponse } from "@/lib/otlp/decode";
import { partialSuccess, toRawBatch } from "@/lib/otlp/map";

/** OTLP/HTTP logs export (docs/otlp.md): log records with an error.code become events. */
export const POST = apiRoute({ auth: ingestTelemetry }, async ({ request, principal }) => {
  if (principal?.kind !== "key") throw new HttpError(401, "Send an ingest key as a bearer token.");
  const key = principal.key;
  return admit(key, async () => {
    const body = await readBodyBytes(request, MAX_BODY_BYTES);
    const { encoding, records } = await decodeLogsRequest(body, {
      contentType: request.headers.get("content-type"),
      contentEncoding: request.headers.get("content-encoding"),
    });
    const { batch, notEvents } = toRawBatch(records);
    const { rejected } = batch.events.length ? await ingestRawBatch(key, batch) : { rejected: [] };
    return logsResponse(encoding, partialSuccess(notEvents, rejected));
  });
});
