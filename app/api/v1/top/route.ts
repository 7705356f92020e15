import { readCatalogue } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { topQuery } from "@/lib/stats/params";
import { getTop } from "@/lib/stats/top";

export const GET = apiRoute(
  { auth: readCatalogue, query: topQuery },
  async ({ query, principal }) => json(await getTop(principal, query)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
