import { channelParams } from "@/lib/alerts/api-schemas";
import { deleteChannelFor } from "@/lib/alerts/service";
import { administer } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute } from "@/lib/http/route";

export const DELETE = apiRoute(
  { auth: administer, params: channelParams },
  async ({ params, principal }) => {
    await deleteChannelFor(principal, params.id);
    return new Response(null, { status: 204 });
  },
);

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
