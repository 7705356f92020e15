import { readCatalogue } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { spikesQuery } from "@/lib/stats/params";
import { getSpikes } from "@/lib/stats/spikes";

/** Every spike interval of every code in the range (lib/stats/spikes.ts). */
export const GET = apiRoute(
  { auth: readCatalogue, query: spikesQuery },
  async ({ query, principal }) => json(await getSpikes(principal, query)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
