/**
 * GET /api/v1/releases: release markers derived from the telemetry itself, the first minute
 * each app version appeared in the project (app_release, kept by the aggregate merge). So
 * "50502 started with 5.3.0" shows on a chart without anyone recording deploys.
 */
import type { Principal } from "../auth/authorize";
import { mergeBeforeRead } from "../telemetry/aggregates";
import { releases } from "../telemetry/reads";
import type { ReleasesQuery } from "./params";
import { readInScope } from "./scope";

export async function getReleases(principal: Principal, query: ReleasesQuery) {
  return readInScope(principal, query, async (scope) => {
    // A version first seen in the last second may still wait in aggregate_delta.
    await mergeBeforeRead(scope.pool);
    const found = await releases(scope.pool, scope.projectId, query);
    return {
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      releases: found.map((r) => ({
        appVersion: r.appVersion,
        firstSeen: r.firstSeen.toISOString(),
      })),
    };
  });
}
