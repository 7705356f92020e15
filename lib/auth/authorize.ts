/**
 * Who is calling, and may they: a bearer API key or a session cookie, checked against an access
 * rule (lib/auth/access-rules.ts). Unauthenticated means "no credentials, or a key that is
 * unknown, revoked or malformed" (all look the same from outside); Forbidden means
 * "authenticated, not allowed". The route wrapper (lib/http/route.ts) calls `authorize` and
 * maps those errors to 401 and 403.
 */
import "server-only";

import { getDb } from "../db/server";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import type { ApiKeyScope, Role } from "./constants";
import { authenticateApiKey, type KeyPrincipal } from "./api-keys";
import { allowedOrigins } from "./origin";
import { getSessionUser, type SessionUser } from "./server";

export type UserPrincipal = { kind: "user"; user: SessionUser };
export type ApiKeyPrincipal = { kind: "key"; key: KeyPrincipal };
export type Principal = UserPrincipal | ApiKeyPrincipal;

export interface AccessRule {
  /** Session roles allowed; omitted: sessions are refused. */
  readonly roles?: readonly Role[];
  /** Key scopes accepted (any one suffices); omitted: keys are refused. */
  readonly scopes?: readonly ApiKeyScope[];
  /** A key without any of `scopes` is unauthenticated (401) rather than forbidden (403). */
  readonly wrongScopeUnauthenticated?: boolean;
}

/**
 * The principal a rule lets through, by type: a rule without `roles` can only be passed by a
 * key, so its handler gets an ApiKeyPrincipal and never re-checks.
 */
export type PrincipalFor<R extends AccessRule> =
  | (R extends { roles: readonly Role[] } ? UserPrincipal : never)
  | (R extends { scopes: readonly ApiKeyScope[] } ? ApiKeyPrincipal : never);

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
    throw new ForbiddenError(
      "Cross-site request refused: the Origin header is missing or foreign.",
      "cross-site-request",
    );
  }
}

/** The caller of `request` if `rule` lets them through; else Unauthenticated or Forbidden. */
export async function authorize<R extends AccessRule>(
  request: Request,
  rule: R,
): Promise<PrincipalFor<R>> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const key = match ? await authenticateApiKey(await getDb(), match[1]!) : undefined;
    if (!key) throw new UnauthenticatedError("The API key is missing, unknown or revoked.");
    if (!rule.scopes) {
      throw new ForbiddenError("This endpoint needs a signed-in user; API keys cannot use it.");
    }
    if (!rule.scopes.some((scope) => key.scopes.includes(scope))) {
      const message = `This endpoint needs a key with the ${rule.scopes.join(" or ")} scope.`;
      throw rule.wrongScopeUnauthenticated
        ? new UnauthenticatedError(message)
        : new ForbiddenError(message);
    }
    return { kind: "key", key } as PrincipalFor<R>;
  }

  const user = await getSessionUser(request.headers);
  if (!user) throw new UnauthenticatedError("Sign in, or send an API key as a bearer token.");
  if (!rule.roles?.includes(user.role)) {
    throw new ForbiddenError(`Your role (${user.role}) may not do this.`);
  }
  checkSameOrigin(request);
  return { kind: "user", user } as PrincipalFor<R>;
}
