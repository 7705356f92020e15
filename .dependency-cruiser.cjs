/**
 * Boundaries `npm run lint` enforces (dependency-cruiser, https://github.com/sverweij/dependency-cruiser),
 * besides ESLint's own rules. See docs/architecture.md for the layers.
 *   - domain-knows-no-http: lib/<domain> throws its own errors (lib/errors.ts); only the route
 *     wrapper (lib/http) knows HTTP, and nothing under lib/ reaches into app/.
 *   - components-reach-no-server: no component can pull server code into a page bundle, even
 *     through another module: the database, the logger, secrets, Node's own modules.
 *   - no-cycles between modules.
 * Type-only imports are compiled away (tsPreCompilationDeps: false), so a client component may
 * import a server module's types.
 */
const SERVER_NODE_MODULES = [
  "child_process",
  "cluster",
  "crypto",
  "dgram",
  "dns",
  "fs",
  "fs/promises",
  "http",
  "http2",
  "https",
  "module",
  "net",
  "os",
  "tls",
  "v8",
  "vm",
  "worker_threads",
  "zlib",
];

/**
 * What each domain folder may import from lib/, lowest layer first: the data flows one way, so
 * no two folders import each other (lib/ingest and lib/detection did, through the late marks).
 * Anything not listed (lib/projects, lib/users, lib/i18n...) may import the base.
 */
const BASE = ["db", "errors", "env", "log", "random", "time"];
const LAYERS = {
  detect: ["random"],
  // Pure: events in, ranked causes out.
  diagnosis: [],
  telemetry: BASE,
  catalog: BASE,
  auth: BASE,
  detection: [...BASE, "detect", "telemetry"],
  ingest: [...BASE, "telemetry", "catalog", "auth", "observability"],
  stats: [...BASE, "detect", "detection", "diagnosis", "telemetry", "auth", "projects"],
  http: [...BASE, "auth", "observability"],
  // Pure: a message in, an HTTP request out (and the channel's answer read).
  notify: [],
  alerts: [
    ...BASE,
    "auth",
    "catalog",
    "detect",
    "detection",
    "diagnosis",
    "notify",
    "projects",
    "stats",
    "telemetry",
  ],
  // The demo's inbox and alerting setup: a receiver of alerts' own webhook.
  demo: [...BASE, "alerts", "notify", "projects"],
  // Chart data shaping runs in the browser: the catalogue's families and the i18n types only.
  charts: ["catalog", "i18n", "time"],
};
const lib = (names) => `^lib/(${names.join("|")})(/|\\.ts$)`;

module.exports = {
  forbidden: [
    ...Object.entries(LAYERS).map(([folder, allowed]) => ({
      name: `layer-${folder}`,
      severity: "error",
      comment: `lib/${folder} may import only lib/{${allowed.join(",")}} besides itself.`,
      from: { path: `^lib/${folder}/` },
      to: { path: "^lib/", pathNot: lib([folder, ...allowed]) },
    })),
    {
      name: "domain-knows-no-http",
      severity: "error",
      comment:
        "lib/<domain> must not import lib/http or app/: throw a domain error (lib/errors.ts) " +
        "and let the route wrapper (lib/http/route.ts) answer it.",
      from: { path: "^lib/", pathNot: "^lib/http/" },
      to: { path: ["^lib/http/", "^app/"] },
    },
    {
      name: "components-reach-no-server",
      severity: "error",
      comment:
        "A component (and so a page bundle) must not reach server code, directly or through " +
        "another module: move the constant it needs into a module without dependencies " +
        "(e.g. lib/auth/constants.ts), or import only its type.",
      from: { path: "^components/" },
      to: {
        reachable: true,
        path: [
          "node_modules/(server-only|pg|pg-pool|@prisma|pino|pino-pretty|protobufjs|@electric-sql|prom-client)/",
          `^(node:)?(${SERVER_NODE_MODULES.join("|")})$`,
          "^lib/(db|telemetry|ingest|detection|stats|otlp|observability|simulate)/",
          "^lib/(log|env|scheduler)\\.ts$",
          "^lib/auth/(server|better-auth|authorize|api-keys|api-key-secret|page-session|lockout|roles)\\.ts$",
        ],
      },
    },
    {
      name: "no-cycles",
      severity: "error",
      comment: "Modules in a cycle cannot be understood (or changed) one at a time.",
      from: { path: "^(lib|components|app)/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^lib/db/generated/", "\\.test\\.tsx?$", "^\\.next/"] },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
