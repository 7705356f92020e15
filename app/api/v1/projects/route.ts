import { administer, readProjects } from "@/lib/auth/access-rules";
import { getDb } from "@/lib/db/server";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { createProjectBody } from "@/lib/projects/api-schemas";
import { createProject, listProjects } from "@/lib/projects/repository";

export const GET = apiRoute({ auth: readProjects }, async ({ principal }) => {
  const projects = await listProjects(await getDb());
  // A key belongs to one project and sees only that one.
  const visible =
    principal.kind === "key" ? projects.filter((p) => p.id === principal.key.projectId) : projects;
  return json({ projects: visible });
});

export const POST = apiRoute({ auth: administer, body: createProjectBody }, async ({ body }) =>
  json(await createProject(await getDb(), body), { status: 201 }),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
