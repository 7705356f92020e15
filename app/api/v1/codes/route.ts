import { readCatalogue } from "@/lib/auth/access-rules";
import { listCodesQuery } from "@/lib/catalog/api-schemas";
import { listCodes } from "@/lib/catalog/repository";
import { getDb } from "@/lib/db/server";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";

export const GET = apiRoute({ auth: readCatalogue, query: listCodesQuery }, async ({ query }) =>
  json(await listCodes(await getDb(), { q: query.q, family: query.category })),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
