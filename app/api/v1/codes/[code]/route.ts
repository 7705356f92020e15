import { readCatalogue } from "@/lib/auth/access-rules";
import { codeParams } from "@/lib/catalog/api-schemas";
import { getCode } from "@/lib/catalog/repository";
import { getDb } from "@/lib/db/server";
import { HttpError } from "@/lib/http/problem";
import { apiRoute, json } from "@/lib/http/route";

export const GET = apiRoute({ auth: readCatalogue, params: codeParams }, async ({ params }) => {
  const entry = await getCode(await getDb(), params.code);
  if (!entry) {
    throw new HttpError(
      404,
      `Code ${params.code} is not in the catalogue and was never reported.`,
      {
        slug: "unknown-code",
      },
    );
  }
  return json(entry);
});
