import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite and the wasm schema engine load WebAssembly and data files from their own package
  // folders at run time; bundling them would break those relative paths.
  // pino and pino-pretty load their own helpers at run time (thread-stream, sonic-boom) in ways
  // the bundler does not follow; they stay plain Node modules too.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "pg",
    "pino",
    "pino-pretty",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // Headers for every response, API included; the page CSP (with its nonce) is set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

export default nextConfig;
