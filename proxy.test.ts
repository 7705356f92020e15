import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { config, proxy } from "./proxy";

const PREFETCHES: Record<string, string>[] = [
  { "next-router-prefetch": "1" },
  { purpose: "prefetch" },
];

describe("proxy", () => {
  it("runs for prefetches too, so no header takes a path that is not UTF-8 past its check", () => {
    for (const headers of [{}, ...PREFETCHES]) {
      const url = "/api/v1/codes/%ff%fe";
      expect(unstable_doesMiddlewareMatch({ config, url, headers }), url).toBe(true);
    }
  });

  it("leaves the icons alone, so a signed-out browser gets them instead of a redirect", () => {
    for (const url of ["/favicon.ico", "/icon.svg", "/icon.svg?a1b2c3"]) {
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(false);
    }
    for (const url of ["/codes", "/icon.svg/%c3%28", "/icon.svgx"]) {
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(true);
    }
  });

  it("answers a path that is not UTF-8 with 400 problem+json, prefetch or not", () => {
    for (const headers of [{}, ...PREFETCHES]) {
      const response = proxy(new NextRequest("http://localhost/codes/%c3%28", { headers }));
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("lets a prefetch of a page through without a nonce or a sign-in redirect", () => {
    for (const headers of PREFETCHES) {
      const response = proxy(new NextRequest("http://localhost/codes", { headers }));
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.get("content-security-policy")).toBeNull();
    }
  });
});
