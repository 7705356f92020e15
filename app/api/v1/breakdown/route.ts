import { readCatalogue } from "@/lib/auth/access-rules";
import { poolOf } from "@/lib/db/client";
import { getDb } from "@/lib/db/server";
import { getEnv } from "@/lib/env";
import { apiRoute, json } from "@/lib/http/route";
import { breakdown } from "@/lib/stats/breakdown";
import { breakdownQuery } from "@/lib/stats/params";
import { filtersOf } from "@/lib/stats/filters";
import { resolveProject } from "@/lib/stats/project-scope";

export const GET = apiRoute(
  { auth: readCatalogue, query: breakdownQuery },
  async ({ query, principal }) => {
    const project = await resolveProject(principal, query.project);
    return json({
      project: project.slug,
      ...(await breakdown(poolOf(await getDb()), project.id, query, {
        filters: filtersOf(query),
        rawDays: getEnv().CW_RAW_RETENTION_DAYS,
      })),
    });
  },
);
