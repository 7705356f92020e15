import { ingestTelemetry } from "@/lib/auth/access-rules";
import { bodyOf } from "@/lib/http/body";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { ingestEvents } from "@/lib/ingest/service";

/** Telemetry batches (docs/ingest.md). */
export const POST = apiRoute({ auth: ingestTelemetry }, async ({ request, principal }) =>
  json(await ingestEvents(principal.key, bodyOf(request)), { status: 202 }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
