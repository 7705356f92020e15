import { administer } from "@/lib/auth/access-rules";
import { getAuth } from "@/lib/auth/server";
import { getDb } from "@/lib/db/server";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { createUserBody } from "@/lib/users/api-schemas";
import { createUser, listUsers } from "@/lib/users/service";

export const GET = apiRoute({ auth: administer }, async () =>
  json({ users: await listUsers(await getDb()) }),
);

export const POST = apiRoute({ auth: administer, body: createUserBody }, async ({ body }) =>
  json(await createUser(await getDb(), await getAuth(), body), { status: 201 }),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
