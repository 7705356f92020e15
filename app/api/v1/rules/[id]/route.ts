import { ruleParams, updateRuleBody } from "@/lib/alerts/api-schemas";
import { deleteRuleFor, updateRuleFor } from "@/lib/alerts/service";
import { operate } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";

export const PATCH = apiRoute(
  { auth: operate, params: ruleParams, body: updateRuleBody },
  async ({ params, body, principal }) => json(await updateRuleFor(principal, params.id, body)),
);

export const DELETE = apiRoute(
  { auth: operate, params: ruleParams },
  async ({ params, principal }) => {
    await deleteRuleFor(principal, params.id);
    return new Response(null, { status: 204 });
  },
);

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
