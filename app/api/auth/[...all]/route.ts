import { toNextJsHandler } from "better-auth/next-js";

import { getAuth } from "@/lib/auth/server";
import { DEFAULT_BODY_LIMIT_BYTES, readBodyText } from "@/lib/http/body";
import { otherMethods } from "@/lib/http/methods";
import { problemResponse } from "@/lib/http/problem";
import { errorResponse, refuseUnstorableText, searchParamsObject } from "@/lib/http/route";
import { logger } from "@/lib/log";

/**
 * Better Auth's own endpoints, limited to what the pages use. Everything else it offers (its
 * admin endpoints: set-role, ban, impersonate...) answers 404: user management goes through
 * /api/v1/users, where our role checks and self-protection apply.
 */
const EXPOSED = new Set([
  "POST /api/auth/sign-in/email",
  "POST /api/auth/sign-out",
  "GET /api/auth/get-session",
]);

/** The body's fields as Better Auth reads them: a form's, or JSON's (it refuses malformed JSON). */
function bodyFields(contentType: string | null, text: string): unknown {
  if (/^application\/x-www-form-urlencoded/i.test(contentType ?? "")) {
    return searchParamsObject(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function handler(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (!EXPOSED.has(`${request.method} ${url.pathname}`)) {
    return problemResponse(404, "No such endpoint.");
  }
  const { GET, POST } = toNextJsHandler(await getAuth());
  // Better Auth reads bodies whole; read it here first, within the same limit as our API.
  let body: string | undefined;
  try {
    // Better Auth's hooks store what they are sent (the sign-in email, lib/auth/lockout.ts):
    // text PostgreSQL refuses must stop here, as on every other route (lib/http/route.ts).
    refuseUnstorableText(searchParamsObject(url.searchParams), "query");
    if (request.method !== "GET") {
      body = await readBodyText(request, DEFAULT_BODY_LIMIT_BYTES);
      refuseUnstorableText(bodyFields(request.headers.get("content-type"), body), "body");
    }
  } catch (error) {
    return errorResponse(error, request, logger());
  }
  if (body === undefined) return GET(request);
  return POST(new Request(request.url, { method: "POST", headers: request.headers, body }));
}

export { handler as GET, handler as POST };
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
