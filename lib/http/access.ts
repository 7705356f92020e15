/**
 * Who is calling, and may they: a bearer API key or a session cookie, checked against the
 * route's access rule. 401 means "not authenticated" (no credentials, or a key that is unknown,
 * revoked or malformed: all look the same from outside); 403 means "authenticated, not allowed".
 */
import type { ApiKeyScope } from "../auth/api-key-secret";
import type { Role } from "../auth/roles";
import { getSessionUser, type SessionUser } from "../auth/server";
import { getDb } from "../db/server";
import { authenticateApiKey, type KeyPrincipal } from "../projects/repository";
import { allowedOrigins } from "./origin";
import { HttpError } from "./problem";

export type Principal = { kind: "user"; user: SessionUser } | { kind: "key"; key: KeyPrincipal };

export interface AccessRule {
  /** Session roles allowed; omitted: sessions are refused. */
  roles?: readonly Role[];
  /** Key scopes accepted (any one suffices); omitted: keys are refused. */
  scopes?: readonly ApiKeyScope[];
  /** The status for a key without any of `scopes`: 403 unless a contract says otherwise. */
  wrongScope?: 401 | 403;
}

const UNAUTHENTICATED = {
  slug: "unauthenticated",
  headers: { "www-authenticate": 'Bearer realm="codewatch"' },
};
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A cookie-authenticated request that changes something must come from our own pages: the
 * browser's Origin header must be this site's (or a configured trusted origin). Keys are sent
 * deliberately by their holder, so they need no such check.
 */
function checkSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  if (!origin || !allowedOrigins(request).includes(origin)) {
    throw new HttpError(
      403,
      "Cross-site request refused: the Origin header is missing or foreign.",
      {
        slug: "cross-site-request",
      },
    );
  }
}

export async function authorize(request: Request, rule: AccessRule): Promise<Principal> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const key = match ? await authenticateApiKey(await getDb(), match[1]!) : undefined;
    if (!key)
      throw new HttpError(401, "The API key is missing, unknown or revoked.", UNAUTHENTICATED);
    if (!rule.scopes) {
      throw new HttpError(403, "This endpoint needs a signed-in user; API keys cannot use it.", {
        slug: "forbidden",
      });
    }
    if (!rule.scopes.some((scope) => key.scopes.includes(scope))) {
      const status = rule.wrongScope ?? 403;
      throw new HttpError(
        status,
        `This endpoint needs a key with the ${rule.scopes.join(" or ")} scope.`,
        status === 401 ? UNAUTHENTICATED : { slug: "forbidden" },
      );
    }
    return { kind: "key", key };
  }

  const user = await getSessionUser(request.headers);
  if (!user)
    throw new HttpError(401, "Sign in, or send an API key as a bearer token.", UNAUTHENTICATED);
  if (!rule.roles?.includes(user.role)) {
    throw new HttpError(403, `Your role (${user.role}) may not do this.`, { slug: "forbidden" });
  }
  checkSameOrigin(request);
  return { kind: "user", user };
}
