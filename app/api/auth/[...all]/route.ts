import { toNextJsHandler } from "better-auth/next-js";

import { getAuth } from "@/lib/auth/server";

// Better Auth's own endpoints: sign-in, sign-out, session. The handler is created lazily
// because the auth instance needs the database (and its stored secret) first.
const handler = async (request: Request) => {
  const { GET, POST } = toNextJsHandler(await getAuth());
  return request.method === "GET" ? GET(request) : POST(request);
};

export { handler as GET, handler as POST };
