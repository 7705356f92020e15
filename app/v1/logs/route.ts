import { ingestTelemetry } from "@/lib/auth/access-rules";
import { bodyOf } from "@/lib/http/body";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute } from "@/lib/http/route";
import { ingestOtlpLogs } from "@/lib/ingest/service";
import { encodeLogsResponse } from "@/lib/ingest/otlp/decode";

/** OTLP/HTTP logs export (docs/otlp.md): log records with an error.code become events. */
export const POST = apiRoute({ auth: ingestTelemetry }, async ({ request, principal }) => {
  const result = await ingestOtlpLogs(principal.key, bodyOf(request));
  const { contentType, body } = encodeLogsResponse(result.encoding, result.partialSuccess);
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    status: 200,
    headers: { "content-type": contentType, "cache-control": "no-store" },
  });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
