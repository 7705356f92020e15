import { administer } from "@/lib/auth/access-rules";
import { getDb } from "@/lib/db/server";
import { HttpError } from "@/lib/http/problem";
import { apiRoute, json } from "@/lib/http/route";
import { createKeyBody, projectParams } from "@/lib/projects/api-schemas";
import { createApiKey, listApiKeys, NotFoundError } from "@/lib/projects/repository";

export const GET = apiRoute({ auth: administer, params: projectParams }, async ({ params }) =>
  json({ keys: await listApiKeys(await getDb(), params.slug) }),
);

export const POST = apiRoute(
  { auth: administer, params: projectParams, body: createKeyBody },
  async ({ params, body, principal }) => {
    try {
      const created = await createApiKey(await getDb(), {
        projectSlug: params.slug,
        scopes: body.scopes,
        name: body.name,
        createdBy: principal?.kind === "user" ? principal.user.email : undefined,
      });
      // The only response that ever carries the key; never cached anywhere.
      return json(created, { status: 201, headers: { "cache-control": "no-store" } });
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new HttpError(404, error.message, { slug: "not-found" });
      throw error;
    }
  },
);
