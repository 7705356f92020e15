import path from "node:path";

import type { ViteUserConfig } from "vitest/config";

const root = import.meta.dirname;

/** Settings both test configs share: the @/ alias, and server-only made importable in Node. */
export const sharedConfig: ViteUserConfig = {
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside a React Server Components build; tests run lib/ in Node.
      "server-only": path.join(root, "test/support/server-only-stub.ts"),
    },
  },
};
