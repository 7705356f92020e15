import { ingestTelemetry } from "@/lib/auth/access-rules";
import { HttpError } from "@/lib/http/problem";
import { apiRoute, json } from "@/lib/http/route";
import { ingestRequest, observeIngest } from "@/lib/ingest/service";

const handle = apiRoute({ auth: ingestTelemetry }, async ({ request, principal }) => {
  if (principal?.kind !== "key") throw new HttpError(401, "Send an ingest key as a bearer token.");
  return json(await ingestRequest(request, principal.key), { status: 202 });
});

export const POST = (request: Request, context: Parameters<typeof handle>[1]) =>
  observeIngest("events", () => handle(request, context));
