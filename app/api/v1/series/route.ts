import { readCatalogue } from "@/lib/auth/access-rules";
import { jsonPieces, objectWithLargeArray } from "@/lib/http/json-stream";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute } from "@/lib/http/route";
import { seriesQuery } from "@/lib/stats/params";
import { getSeries } from "@/lib/stats/series";

export const GET = apiRoute(
  { auth: readCatalogue, query: seriesQuery },
  async ({ query, principal }) => {
    const { series, spikes, ...head } = await getSeries(principal, query);
    // Sent code by code: see lib/http/json-stream.ts.
    return jsonPieces(objectWithLargeArray(head, "series", series, { spikes }));
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
