import { readCatalogue } from "@/lib/auth/access-rules";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { getBreakdown } from "@/lib/stats/breakdown";
import { breakdownQuery } from "@/lib/stats/params";

export const GET = apiRoute(
  { auth: readCatalogue, query: breakdownQuery },
  async ({ query, principal }) => json(await getBreakdown(principal, query)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
