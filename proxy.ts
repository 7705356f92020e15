/**
 * Runs before every page: a fresh CSP nonce per request (scripts run only with it; no
 * unsafe-inline scripts), and an early redirect to the sign-in page when there is no session
 * cookie at all. The real session check is in app/(app)/layout.tsx; this only saves a render.
 */
import { NextResponse, type NextRequest } from "next/server";

import { problemResponse } from "@/lib/http/problem";

const SESSION_COOKIES = ["better-auth.session_token", "__Secure-better-auth.session_token"];

function contentSecurityPolicy(nonce: string, https: boolean): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Charts set inline style attributes; styles cannot run code, scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The path's percent-encoding decodes to UTF-8 ("%ff%fe", "%c3%28" and lone surrogates do not). */
function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const NOT_PAGES = /^\/(?:api|v1|metrics)(?:\/|$)/;

/** A prefetch of a page: it needs no nonce and no redirect, only the path check above. */
function isPrefetch(request: NextRequest): boolean {
  return (
    request.headers.has("next-router-prefetch") || request.headers.get("purpose") === "prefetch"
  );
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Next.js decodes route params before any route code runs, and answers a plain-text 500 when
  // the bytes are not UTF-8: refuse such a path here, as the client error it is.
  if (!decodablePath(pathname)) {
    return problemResponse(400, "The path's percent-encoding is not valid UTF-8.", {
      slug: "invalid-request",
      errors: [{ field: "path", message: "must be percent-encoded UTF-8" }],
    });
  }
  if (NOT_PAGES.test(pathname) || isPrefetch(request)) return NextResponse.next();
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!signedIn && pathname !== "/sign-in") {
    const target = new URL("/sign-in", request.url);
    if (pathname !== "/") target.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(target);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, request.nextUrl.protocol === "https:");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Every path but static files, the icons among them (app/favicon.ico, app/icon.svg): the
  // sign-in page shows them before anyone has signed in. The icon exactly, so that no longer
  // path slips past the UTF-8 check. Prefetches too: a matcher that left them out let a
  // prefetch header take a path that is not UTF-8 past the check, to Next.js's plain-text 500.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon\\.svg$|robots.txt).*)"],
};
