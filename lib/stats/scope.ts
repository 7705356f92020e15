/**
 * What every statistics entry point starts from: the project a request is about (checked
 * against the caller), the database pool, and the retention of raw events that filtered
 * answers depend on. Routes pass the caller and the query; the rest is resolved here.
 */
import "server-only";

import type pg from "pg";

import type { Principal } from "../auth/authorize";
import { poolOf } from "../db/client";
import { getDb } from "../db/server";
import { getEnv } from "../env";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { getProjectBySlug } from "../projects/repository";
import type { Dimension } from "../telemetry/columns";
import type { Filters } from "../telemetry/reads";
import { filtersOf } from "./filters";

export interface StatsScope {
  projectId: string;
  projectSlug: string;
  pool: pg.Pool;
  /** Days raw events are kept (CW_RAW_RETENTION_DAYS): how far back filtered answers reach. */
  rawDays: number;
}

/**
 * The project of a statistics request: a key's own project (asking for another one is
 * Forbidden), or for a signed-in user the `project` parameter, which is then required
 * (InvalidInputError without it, NotFoundError for an unknown slug).
 */
export async function statsScope(principal: Principal, slug: string | undefined) {
  const db = await getDb();
  const scope = { pool: poolOf(db), rawDays: getEnv().CW_RAW_RETENTION_DAYS };
  if (principal.kind === "key") {
    if (slug && slug !== principal.key.projectSlug) {
      throw new ForbiddenError("This key belongs to another project.");
    }
    return {
      ...scope,
      projectId: principal.key.projectId,
      projectSlug: principal.key.projectSlug,
    } satisfies StatsScope;
  }
  if (!slug) {
    throw new InvalidInputError("Invalid query parameter.", [
      { field: "query.project", message: "required" },
    ]);
  }
  const project = await getProjectBySlug(db, slug);
  if (!project) throw new NotFoundError(`No project "${slug}".`);
  return { ...scope, projectId: project.id, projectSlug: project.slug } satisfies StatsScope;
}

/**
 * A statistics read for `principal`: resolves the scope of `query.project` (see statsScope for
 * its errors) and its dimension filters, runs `read`, and names the project in the answer.
 */
export async function readInScope<R extends object>(
  principal: Principal,
  query: { project?: string } & Partial<Record<Dimension, string[] | undefined>>,
  read: (scope: StatsScope, filtered: { filters: Filters; rawDays: number }) => Promise<R>,
): Promise<{ project: string } & R> {
  const scope = await statsScope(principal, query.project);
  const result = await read(scope, { filters: filtersOf(query), rawDays: scope.rawDays });
  return { project: scope.projectSlug, ...result };
}
