import { readCatalogue } from "@/lib/auth/access-rules";
import { poolOf } from "@/lib/db/client";
import { getDb } from "@/lib/db/server";
import { getEnv } from "@/lib/env";
import { jsonPieces, objectWithLargeArray } from "@/lib/http/json-stream";
import { apiRoute } from "@/lib/http/route";
import { seriesQuery } from "@/lib/stats/params";
import { filtersOf } from "@/lib/stats/filters";
import { resolveProject } from "@/lib/stats/project-scope";
import { codeSeries } from "@/lib/stats/series";

export const GET = apiRoute(
  { auth: readCatalogue, query: seriesQuery },
  async ({ query, principal }) => {
    const project = await resolveProject(principal, query.project);
    const { series, spikes, ...head } = await codeSeries(poolOf(await getDb()), project.id, query, {
      filters: filtersOf(query),
      rawDays: getEnv().CW_RAW_RETENTION_DAYS,
    });
    // Sent code by code: see lib/http/json-stream.ts.
    return jsonPieces(
      objectWithLargeArray({ project: project.slug, ...head }, "series", series, { spikes }),
    );
  },
);
