import { administer } from "@/lib/auth/access-rules";
import { getDb } from "@/lib/db/server";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { keyParams } from "@/lib/projects/api-schemas";
import { revokeApiKey } from "@/lib/projects/repository";

export const POST = apiRoute({ auth: administer, params: keyParams }, async ({ params }) =>
  json(await revokeApiKey(await getDb(), params.id)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
