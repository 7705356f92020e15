import { readCatalogue } from "@/lib/auth/access-rules";
import { codeParams } from "@/lib/catalog/api-schemas";
import { getCodeOrThrow } from "@/lib/catalog/repository";
import { getDb } from "@/lib/db/server";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";

export const GET = apiRoute({ auth: readCatalogue, params: codeParams }, async ({ params }) =>
  json(await getCodeOrThrow(await getDb(), params.code)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
