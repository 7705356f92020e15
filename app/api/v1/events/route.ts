import { ingestTelemetry, readCatalogue } from "@/lib/auth/access-rules";
import { bodyOf } from "@/lib/http/body";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { ingestEvents } from "@/lib/ingest/service";
import { getRecentEvents } from "@/lib/stats/events";
import { eventsQuery } from "@/lib/stats/params";

/** Telemetry batches (docs/ingest.md). */
export const POST = apiRoute({ auth: ingestTelemetry }, async ({ request, principal }) =>
  json(await ingestEvents(principal.key, bodyOf(request)), { status: 202 }),
);

/** The newest events of one code, newest first, a page at a time (read scope). */
export const GET = apiRoute(
  { auth: readCatalogue, query: eventsQuery },
  async ({ query, principal }) => json(await getRecentEvents(principal, query)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
