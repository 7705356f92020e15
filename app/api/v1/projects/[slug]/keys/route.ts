import { administer } from "@/lib/auth/access-rules";
import { getDb } from "@/lib/db/server";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { createKeyBody, projectParams } from "@/lib/projects/api-schemas";
import { createApiKey, listApiKeys } from "@/lib/projects/repository";

export const GET = apiRoute({ auth: administer, params: projectParams }, async ({ params }) =>
  json({ keys: await listApiKeys(await getDb(), params.slug) }),
);

export const POST = apiRoute(
  { auth: administer, params: projectParams, body: createKeyBody },
  async ({ params, body, principal }) => {
    const created = await createApiKey(await getDb(), {
      projectSlug: params.slug,
      scopes: body.scopes,
      name: body.name,
      createdBy: principal.user.email,
    });
    // The only response that ever carries the key; never cached anywhere.
    return json(created, { status: 201, headers: { "cache-control": "no-store" } });
  },
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
