import { createSilenceBody, silencesQuery } from "@/lib/alerts/api-schemas";
import { createSilenceFor, silencesFor } from "@/lib/alerts/service";
import { operate, readIncidents } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";

export const GET = apiRoute(
  { auth: readIncidents, query: silencesQuery },
  async ({ query, principal }) =>
    json(await silencesFor(principal, query.project, query.active === "true")),
);

export const POST = apiRoute(
  { auth: operate, body: createSilenceBody },
  async ({ body, principal }) => json(await createSilenceFor(principal, body), { status: 201 }),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
