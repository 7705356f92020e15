import { toNextJsHandler } from "better-auth/next-js";

import { getAuth } from "@/lib/auth/server";
import { DEFAULT_BODY_LIMIT_BYTES, readBodyText } from "@/lib/http/body";
import { problemResponse } from "@/lib/http/problem";
import { errorResponse } from "@/lib/http/route";
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

async function handler(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (!EXPOSED.has(`${request.method} ${pathname}`)) {
    return problemResponse(404, "No such endpoint.");
  }
  const { GET, POST } = toNextJsHandler(await getAuth());
  if (request.method === "GET") return GET(request);
  // Better Auth reads bodies whole; read it here first, within the same limit as our API.
  let body: string;
  try {
    body = await readBodyText(request, DEFAULT_BODY_LIMIT_BYTES);
  } catch (error) {
    return errorResponse(error, request, logger());
  }
  return POST(new Request(request.url, { method: "POST", headers: request.headers, body }));
}

export { handler as GET, handler as POST };
