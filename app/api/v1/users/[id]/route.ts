import { administer } from "@/lib/auth/access-rules";
import { getAuth } from "@/lib/auth/server";
import { getDb } from "@/lib/db/server";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";
import { updateUserBody, userParams } from "@/lib/users/api-schemas";
import { updateUser } from "@/lib/users/service";

export const PATCH = apiRoute(
  { auth: administer, params: userParams, body: updateUserBody },
  async ({ request, params, body, principal }) =>
    json(
      await updateUser(
        await getDb(),
        await getAuth(),
        request.headers,
        principal.user.id,
        params.id,
        body,
      ),
    ),
);

export const { GET, POST, PUT, DELETE } = otherMethods("PATCH");
