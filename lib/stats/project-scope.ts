import "server-only";

import { getDb } from "../db/server";
import type { Principal } from "../http/access";
import { HttpError } from "../http/problem";
import { getProjectBySlug } from "../projects/repository";

/**
 * The project a statistics request is about: a key's own project (asking for another one is
 * 403), or for a signed-in user the `project` parameter, which is then required.
 */
export async function resolveProject(principal: Principal | undefined, slug: string | undefined) {
  if (principal?.kind === "key") {
    if (slug && slug !== principal.key.projectSlug) {
      throw new HttpError(403, "This key belongs to another project.", { slug: "forbidden" });
    }
    return { id: principal.key.projectId, slug: principal.key.projectSlug };
  }
  if (!slug) {
    throw new HttpError(400, "Invalid query parameter.", {
      slug: "invalid-request",
      errors: [{ field: "query.project", message: "required" }],
    });
  }
  const project = await getProjectBySlug(await getDb(), slug);
  if (!project) throw new HttpError(404, `No project "${slug}".`, { slug: "not-found" });
  return { id: project.id, slug: project.slug };
}
