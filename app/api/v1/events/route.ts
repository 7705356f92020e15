import { ingestTelemetry } from "@/lib/auth/access-rules";
import { HttpError } from "@/lib/http/problem";
import { apiRoute, json } from "@/lib/http/route";
import { ingestRequest } from "@/lib/ingest/service";

export const POST = apiRoute({ auth: ingestTelemetry }, async ({ request, principal }) => {
  if (principal?.kind !== "key") throw new HttpError(401, "Send an ingest key as a bearer token.");
  return json(await ingestRequest(request, principal.key), { status: 202 });
});
