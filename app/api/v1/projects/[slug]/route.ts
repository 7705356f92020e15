import { administer } from "@/lib/auth/access-rules";
import { getDb } from "@/lib/db/server";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { projectParams, updateProjectBody } from "@/lib/projects/api-schemas";
import { updateProject } from "@/lib/projects/repository";

/** A project's name and settings (time zone, language): admins only. */
export const PATCH = apiRoute(
  { auth: administer, params: projectParams, body: updateProjectBody },
  async ({ params, body }) => json(await updateProject(await getDb(), params.slug, body)),
);

export const { GET, POST, PUT, DELETE } = otherMethods("PATCH");
