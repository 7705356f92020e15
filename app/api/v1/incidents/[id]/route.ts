import { incidentParams } from "@/lib/alerts/api-schemas";
import { incidentFor } from "@/lib/alerts/service";
import { readIncidents } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";

/** One incident with its diagnosis, timeline and notification attempts. */
export const GET = apiRoute(
  { auth: readIncidents, params: incidentParams },
  async ({ params, principal }) => json(await incidentFor(principal, params.id)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
