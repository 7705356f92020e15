import { silenceParams } from "@/lib/alerts/api-schemas";
import { expireSilenceFor } from "@/lib/alerts/service";
import { operate } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute } from "@/lib/http/route";

/** Ends a silence now (it stays listed, inactive). */
export const DELETE = apiRoute(
  { auth: operate, params: silenceParams },
  async ({ params, principal }) => {
    await expireSilenceFor(principal, params.id);
    return new Response(null, { status: 204 });
  },
);

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
