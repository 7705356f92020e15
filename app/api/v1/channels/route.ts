import { createChannelBody, projectQuery } from "@/lib/alerts/api-schemas";
import { channelsFor, createChannelFor } from "@/lib/alerts/service";
import { administer } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";

/** Channels (admins): URLs masked, secrets never returned. */
export const GET = apiRoute(
  { auth: administer, query: projectQuery },
  async ({ query, principal }) => json(await channelsFor(principal, query.project)),
);

export const POST = apiRoute(
  { auth: administer, body: createChannelBody },
  async ({ body, principal }) => json(await createChannelFor(principal, body), { status: 201 }),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
