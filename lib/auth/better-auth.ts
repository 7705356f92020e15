/**
 * Authentication: Better Auth with its Prisma adapter. Email + password only, no public sign-up
 * (users are created by an admin or `cw users create`), sessions in the database, httpOnly
 * SameSite=Lax cookies that are Secure when the app is served over HTTPS (CW_PUBLIC_URL).
 * Sign-in is throttled by failures, per client address and per account (lib/auth/lockout.ts);
 * Better Auth's own limiter, which counts every request, guards its other endpoints.
 */
import { betterAuth, type BetterAuthOptions } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getIP, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins/admin";

import type { Db } from "../db/client";
import { getOrCreateSecretSetting } from "../db/settings";
import { unstorableTextReason } from "../db/text";
import { allowedOrigins } from "./origin";
import { getEnv } from "../env";
import { admitSignInAttempt, clearSignInFailures, recordSignInFailure } from "./lockout";
import { MIN_PASSWORD_LENGTH } from "./constants";
import { accessControl, authRoles } from "./roles";

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET when set, else one generated on
 * first start and kept in the database, so every instance and every restart shares it.
 */
export async function resolveAuthSecret(db: Db): Promise<string> {
  return getEnv().BETTER_AUTH_SECRET ?? (await getOrCreateSecretSetting(db, "auth.secret"));
}

/** The email a sign-in names, when it is text the database can store (the route refuses others). */
function emailOf(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" && !unstorableTextReason(email) ? email : undefined;
}

/**
 * The client address the way Better Auth's limiter reads it (advanced.ipAddress: the header
 * named by CW_CLIENT_IP_HEADER, IPv6 folded to its /64); null when none can be trusted.
 */
function clientAddress(ctx: {
  request?: Request;
  headers?: Headers;
  context: { options: BetterAuthOptions };
}): string | null {
  const source = ctx.request ?? ctx.headers;
  return source ? getIP(source, ctx.context.options) : null;
}

export function createAuth(db: Db, secret: string) {
  const env = getEnv();
  return betterAuth({
    secret,
    // Unset, the base URL is taken from each request, which suits a demo on any port.
    baseURL: env.CW_PUBLIC_URL,
    // Same rule as our own API (lib/auth/origin.ts): this site as the browser reached it.
    trustedOrigins: (request) => (request ? allowedOrigins(request) : env.CW_TRUSTED_ORIGINS),
    database: prismaAdapter(db, { provider: "postgresql", transaction: true }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        // Counting every request would refuse the sixth colleague signing in from one office
        // address; lib/auth/lockout.ts counts failures instead, per address and per account.
        "/sign-in/email": false,
        // Read on every page view; counting it would write to the database each time.
        "/get-session": false,
      },
    },
    advanced: {
      useSecureCookies: env.CW_PUBLIC_URL?.startsWith("https://") ?? false,
      ipAddress: { ipAddressHeaders: [env.CW_CLIENT_IP_HEADER] },
    },
    telemetry: { enabled: false },
    // Its start-up warning about an unset base URL is expected here: the URL comes per request.
    // Quiet under the test runner, where lockout tests make it log every refused attempt.
    logger: { level: "error", disabled: process.env.NODE_ENV === "test" },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const email = ctx.path === "/sign-in/email" ? emailOf(ctx.body) : undefined;
        if (!email) return;
        const admission = await admitSignInAttempt(db, email, clientAddress(ctx));
        if (admission.admitted) return;
        throw new APIError(
          "TOO_MANY_REQUESTS",
          admission.lockedBy === "account"
            ? {
                code: "ACCOUNT_LOCKED",
                message: "Too many failed sign-ins for this account. Try again later.",
              }
            : {
                code: "TOO_MANY_FAILED_SIGN_INS",
                message: "Too many failed sign-ins from this address. Try again later.",
              },
          { "Retry-After": String(admission.retryAfterSeconds) },
        );
      }),
      after: createAuthMiddleware(async (ctx) => {
        const email = ctx.path === "/sign-in/email" ? emailOf(ctx.body) : undefined;
        if (!email) return;
        // The attempt was recorded up front: a success takes it back, anything else keeps it.
        if (isAPIError(ctx.context.returned)) {
          await recordSignInFailure(db, email, clientAddress(ctx));
        } else {
          await clearSignInFailures(db, email);
        }
      }),
    },
    plugins: [
      admin({ ac: accessControl, roles: authRoles, defaultRole: "support", adminRoles: ["admin"] }),
      nextCookies(), // must stay last
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
