import { administer } from "@/lib/auth/access-rules";
import { getAuth } from "@/lib/auth/server";
import { getDb } from "@/lib/db/server";
import { HttpError } from "@/lib/http/problem";
import { apiRoute, json } from "@/lib/http/route";
import { updateUserBody, userParams } from "@/lib/users/api-schemas";
import { UserConflictError, updateUser } from "@/lib/users/service";

export const PATCH = apiRoute(
  { auth: administer, params: userParams, body: updateUserBody },
  async ({ request, params, body, principal }) => {
    const actingUserId = principal?.kind === "user" ? principal.user.id : "";
    try {
      const user = await updateUser(
        await getDb(),
        await getAuth(),
        request.headers,
        actingUserId,
        params.id,
        body,
      );
      if (!user) throw new HttpError(404, `no user ${params.id}`, { slug: "not-found" });
      return json(user);
    } catch (error) {
      if (error instanceof UserConflictError)
        throw new HttpError(409, error.message, { slug: "conflict" });
      throw error;
    }
  },
);
