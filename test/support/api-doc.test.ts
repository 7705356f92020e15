/**
 * docs/api.md stays true to app/: every route handler's methods are documented there as a
 * heading "### METHOD /path", and every such heading names a route that exists.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "@/lib/db/migrations";

const APP = path.join(PROJECT_ROOT, "app");
const DOC = path.join(PROJECT_ROOT, "docs", "api.md");

interface Route {
  file: string;
  /** The URL path as docs/api.md writes it: `[id]` is `{id}`, `[...all]` is `{...all}`. */
  path: string;
  methods: string[];
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/**
 * The methods a route serves are those its `otherMethods(...)` call names: it answers the rest
 * with 405 (lib/http/methods.ts). A route without that call answers every method alike (the
 * `/api/**` catch-all's 404) and is no endpoint of its own.
 */
function listRoutes(): Route[] {
  return routeFiles(APP)
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const served = /\botherMethods\(([^)]*)\)/.exec(source)?.[1] ?? "";
      const segments = path
        .relative(APP, path.dirname(file))
        .split(path.sep)
        .filter((s) => !/^\(.*\)$/.test(s)) // route groups are not in the URL
        .map((s) => s.replace(/^\[(.*)\]$/, "{$1}"));
      return {
        file: path.relative(PROJECT_ROOT, file),
        path: `/${segments.join("/")}`,
        methods: [...served.matchAll(/"([A-Z]+)"/g)].map((m) => m[1]!),
      };
    })
    .filter((route) => route.methods.length > 0);
}

/** "METHOD /path" of every endpoint heading in docs/api.md. */
function documentedEndpoints(markdown: string): string[] {
  return [...markdown.matchAll(/^#{2,4} (GET|POST|PUT|PATCH|DELETE) (\/\S*)\s*$/gm)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
}

/** Whether a documented path belongs to `route`: equal, or under a catch-all `{...name}`. */
function belongsTo(documented: string, route: Route): boolean {
  const catchAll = /\/\{\.\.\.\w+\}$/.exec(route.path);
  if (!catchAll) return documented === route.path;
  return documented.startsWith(`${route.path.slice(0, catchAll.index)}/`);
}

const routes = listRoutes();
const documented = documentedEndpoints(readFileSync(DOC, "utf8"));

describe("docs/api.md", () => {
  it("finds the route handlers and the documented endpoints", () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContainEqual({
      file: "app/api/v1/codes/[code]/route.ts",
      path: "/api/v1/codes/{code}",
      methods: ["GET"],
    });
    expect(documented).toContain("GET /api/v1/codes/{code}");
  });

  it("documents every method of every route", () => {
    const missing = routes.flatMap((route) =>
      route.methods
        .filter(
          (method) =>
            !documented.some((entry) => {
              const [m, p] = entry.split(" ");
              return m === method && belongsTo(p!, route);
            }),
        )
        .map((method) => `${method} ${route.path} (${route.file})`),
    );
    expect(missing, "routes missing from docs/api.md").toEqual([]);
  });

  it("documents only routes that exist", () => {
    const unknown = documented.filter((entry) => {
      const [method, documentedPath] = entry.split(" ");
      return !routes.some((r) => r.methods.includes(method!) && belongsTo(documentedPath!, r));
    });
    expect(unknown, "endpoints in docs/api.md that app/ does not serve").toEqual([]);
  });

  it("documents each endpoint once", () => {
    const repeated = documented.filter((entry, i) => documented.indexOf(entry) !== i);
    expect(repeated).toEqual([]);
  });
});
