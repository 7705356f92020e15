import { readCatalogue } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { releasesQuery } from "@/lib/stats/params";
import { getReleases } from "@/lib/stats/releases";

export const GET = apiRoute(
  { auth: readCatalogue, query: releasesQuery },
  async ({ query, principal }) => json(await getReleases(principal, query)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
