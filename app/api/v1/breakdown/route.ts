import { readCatalogue } from "@/lib/auth/access-rules";
import { apiRoute, json } from "@/lib/http/route";
import { getBreakdown } from "@/lib/stats/breakdown";
import { breakdownQuery } from "@/lib/stats/params";

export const GET = apiRoute(
  { auth: readCatalogue, query: breakdownQuery },
  async ({ query, principal }) => json(await getBreakdown(principal, query)),
);
