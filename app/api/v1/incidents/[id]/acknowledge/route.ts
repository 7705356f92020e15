import { incidentParams } from "@/lib/alerts/api-schemas";
import { acknowledgeFor } from "@/lib/alerts/service";
import { operate } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";

export const POST = apiRoute(
  { auth: operate, params: incidentParams },
  async ({ params, principal }) => json(await acknowledgeFor(principal, params.id)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
