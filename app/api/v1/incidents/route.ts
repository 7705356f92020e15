import { incidentsQuery } from "@/lib/alerts/api-schemas";
import { incidentsFor } from "@/lib/alerts/service";
import { readIncidents } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";

/** Incidents, newest first: ?project=&status=open|acknowledged|resolved|all&code=&limit= */
export const GET = apiRoute(
  { auth: readIncidents, query: incidentsQuery },
  async ({ query, principal }) => json(await incidentsFor(principal, query)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
