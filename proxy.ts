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
  if (NOT_PAGES.test(pathname)) return NextResponse.next();
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
  matcher: [
    // Every path but static files and prefetches of pages (the API only for the path check).
    {
      source: "/((?!_next/static|_next/image|favicon.ico|robots.txt).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
