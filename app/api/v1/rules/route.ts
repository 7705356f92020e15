import { createRuleBody, projectQuery } from "@/lib/alerts/api-schemas";
import { createRuleFor, rulesFor } from "@/lib/alerts/service";
import { operate, readIncidents } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";

export const GET = apiRoute(
  { auth: readIncidents, query: projectQuery },
  async ({ query, principal }) => json(await rulesFor(principal, query.project)),
);

export const POST = apiRoute({ auth: operate, body: createRuleBody }, async ({ body, principal }) =>
  json(await createRuleFor(principal, body), { status: 201 }),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
