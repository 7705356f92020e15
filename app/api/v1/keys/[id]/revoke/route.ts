import { administer } from "@/lib/auth/access-rules";
import { getDb } from "@/lib/db/server";
import { HttpError } from "@/lib/http/problem";
import { apiRoute, json } from "@/lib/http/route";
import { keyParams } from "@/lib/projects/api-schemas";
import { NotFoundError, revokeApiKey } from "@/lib/projects/repository";

export const POST = apiRoute({ auth: administer, params: keyParams }, async ({ params }) => {
  try {
    return json(await revokeApiKey(await getDb(), params.id));
  } catch (error) {
    if (error instanceof NotFoundError)
      throw new HttpError(404, error.message, { slug: "not-found" });
    throw error;
  }
});
