/**
 * Which project an alerting request is about, checked against the caller: a key reaches only
 * its own project (another one's incident is NotFound, not Forbidden, so ids do not leak); a
 * signed-in user names a project or, for lists, gets every project.
 */
import "server-only";

import type { Principal } from "../auth/authorize";
import type { Db } from "../db/client";
import { ForbiddenError, NotFoundError } from "../errors";
import { getProjectBySlug } from "../projects/repository";

/** The project of `slug` (or a key's own), or null for "every project" (users only). */
export async function projectScope(
  db: Db,
  principal: Principal,
  slug: string | undefined,
): Promise<{ id: string; slug: string } | null> {
  if (principal.kind === "key") {
    if (slug && slug !== principal.key.projectSlug) {
      throw new ForbiddenError("This key belongs to another project.");
    }
    return { id: principal.key.projectId, slug: principal.key.projectSlug };
  }
  if (!slug) return null;
  const project = await getProjectBySlug(db, slug);
  if (!project) throw new NotFoundError(`No project "${slug}".`);
  return { id: project.id, slug: project.slug };
}

/** Throws NotFoundError when a key reaches for a thing of another project. */
export function checkReach(principal: Principal, projectId: string | null, what: string): void {
  if (principal.kind === "key" && projectId !== principal.key.projectId) {
    throw new NotFoundError(`No ${what}.`);
  }
}

/** The name an action is recorded under: the user's email, or the key's name. */
export function actorOf(principal: Principal): string {
  return principal.kind === "user" ? principal.user.email : `key:${principal.key.projectSlug}`;
}
