import { channelParams } from "@/lib/alerts/api-schemas";
import { testChannelFor } from "@/lib/alerts/service";
import { administer } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { publicBaseUrl } from "@/lib/env";

/** Sends a test message now; answers whether the channel took it, and what it said if not. */
export const POST = apiRoute(
  { auth: administer, params: channelParams },
  async ({ params, principal }) =>
    json(await testChannelFor(principal, params.id, publicBaseUrl())),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
