import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite and the wasm schema engine load WebAssembly and data files from their own package
  // folders at run time; bundling them would break those relative paths.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
