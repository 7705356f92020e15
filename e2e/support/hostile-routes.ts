/**
 * Hostile requests for every route of the server, for e2e/hostile-requests.spec.ts: query
 * strings, path segments, bodies, headers and credentials a careless or malicious client could
 * send (pieces in hostile-text.ts), and raw HTTP/1.1 (hostile-raw.ts). Seeded: request `index` of
 * a seed is always the same, whatever came before it, so a failure replays from the two.
 *
 * Requests aim only at what the run made for itself (its project, keys and users) or at things
 * that do not exist: other tests run against the same server at the same time.
 */
import { hashInts, mulberry32 } from "../../lib/simulate/traffic-model";
import { hostileRequest, hostileValue } from "../../test/support/hostile-inputs";
import { rawRequest, type RawHttpRequest } from "./hostile-raw";
import {
  DIMENSION_VALUES,
  DIMENSIONS,
  hostileBody,
  huge,
  iso,
  JSON_TYPE,
  mutateQuery,
  NASTY,
  NASTY_SEGMENTS,
  ODD_CODE,
  ODD_CODES,
  ODD_DIMENSIONS,
  ODD_INTERVALS,
  ODD_LIMITS,
  ODD_PROJECTS,
  ODD_TIMES,
  oddRange,
  pick,
  queryString,
  weighted,
  type Pairs,
  type Random,
} from "./hostile-text";

export type { RawHttpRequest };

/** Who a request is sent as. */
export type Credential =
  /** The admin's session cookie, with this server's Origin on requests that change things. */
  | "session"
  /** The admin's session cookie without an Origin header (a cross-site request). */
  | "session-cross-site"
  | "read-key"
  | "ingest-key"
  | "revoked-key"
  | "none";

export interface HostileHttpRequest {
  /** The route and what is hostile about the request ("series query:nul"). */
  kind: string;
  method: string;
  /** Path and query string as sent: the generator percent-encodes, nothing re-encodes. */
  url: string;
  credential: Credential;
  /** `$READ`, `$INGEST` and `$ORIGIN` stand for the run's read key, ingest key and origin. */
  headers: Record<string, string>;
  body?: Buffer;
}

export type FuzzRequest = HostileHttpRequest | RawHttpRequest;

/** What the run made for the fuzz to aim at. */
export interface FuzzTargets {
  /** Unique per run: lower-case letters and digits. */
  run: string;
  project: string;
  /** Keys of the run's project that may be revoked (not the read and ingest keys it sends). */
  revocableKeyIds: string[];
  /** The run's throwaway users (never the demo logins other tests sign in with). */
  userIds: string[];
  now: number;
}

type Made = Omit<HostileHttpRequest, "credential">;

/** Sign-in attempts come from these addresses only: other tests sign in from elsewhere. */
const FUZZ_CLIENT_ADDRESSES = ["198.51.100.201", "198.51.100.202", "198.51.100.203"];

const HOUR = 3_600_000;

function withBody(random: Random, kind: string, method: string, url: string, valid: object): Made {
  const body = hostileBody(random, valid as Record<string, unknown>);
  return { kind: `${kind} body:${body.kind}`, method, url, headers: body.headers, body: body.body };
}

const junkQuery = (random: Random) =>
  random() < 0.3 ? queryString([[pick(random, NASTY), pick(random, NASTY)]]) : "";

// ---------------------------------------------------------------------------------------------
// Read routes.

function dimensionFilter(random: Random): [string, string] {
  const value = pick(random, [
    () => pick(random, DIMENSION_VALUES),
    () => pick(random, NASTY),
    () => `${pick(random, DIMENSION_VALUES)}${pick(random, NASTY)}`,
    () => Array.from({ length: 51 }, (_, i) => `v${i}`).join(","),
    () => "v".repeat(1_001),
  ])();
  return [pick(random, DIMENSIONS), value];
}

/** series, top, breakdown: a valid query with dimension filters, made hostile. */
function statsRequest(random: Random, t: FuzzTargets): Made {
  const endpoint = pick(random, ["series", "top", "breakdown"]);
  const hours = random() < 0.7 ? 6 : 7 * 24;
  const pairs: Pairs = [
    ["from", iso(t.now - hours * HOUR)],
    ["to", iso(t.now)],
  ];
  if (random() < 0.7) pairs.push(["project", random() < 0.8 ? t.project : "demo"]);
  if (endpoint === "series") pairs.push(["codes", "50502,50503"], ["interval", "1h"]);
  if (endpoint === "breakdown") pairs.push(["code", "50502"], ["dimension", "host"]);
  const filters = Math.floor(random() * 3);
  for (let i = 0; i < filters; i++) pairs.push(dimensionFilter(random));
  const kinds = mutateQuery(random, pairs, {
    from: ODD_TIMES,
    to: ODD_TIMES,
    limit: ODD_LIMITS,
    project: ODD_PROJECTS,
    ...(endpoint === "series" ? { interval: ODD_INTERVALS, codes: ODD_CODES } : {}),
    ...(endpoint === "breakdown" ? { code: ODD_CODE, dimension: ODD_DIMENSIONS } : {}),
  });
  if (random() < 0.2) {
    // From and to that parse but make no sense together.
    const [from, to] = oddRange(random, t.now);
    pairs[0] = ["from", from];
    pairs[1] = ["to", to];
    kinds.push("range");
  }
  if (filters > 0) kinds.push("filters");
  const url = `/api/v1/${endpoint}${queryString(pairs)}`;
  return { kind: `${endpoint} query:${kinds.join("+")}`, method: "GET", url, headers: {} };
}

function codesRequest(random: Random): Made {
  if (random() < 0.5) {
    const pairs: Pairs = [];
    if (random() < 0.7) pairs.push(["q", pick(random, ["50502", "%E8%AF%81%E4%B9%A6", "wifi"])]);
    if (random() < 0.3) pairs.push(["category", "pairing"]);
    const kinds = mutateQuery(random, pairs, {
      q: [...NASTY, "x".repeat(201), huge(random)],
      category: ["bogus", "PAIRING", "unknown", "", ...NASTY],
    });
    const url = `/api/v1/codes${queryString(pairs)}`;
    return { kind: `codes query:${kinds.join("+")}`, method: "GET", url, headers: {} };
  }
  const long = random() < 0.1;
  const code = long ? huge(random, 8_000) : pick(random, NASTY_SEGMENTS);
  const url = `/api/v1/codes/${code}${junkQuery(random)}`;
  return { kind: `code path:${long ? "huge" : "nasty"}`, method: "GET", url, headers: {} };
}

// ---------------------------------------------------------------------------------------------
// Admin routes: only the run's own project, keys and users, or ones that do not exist.

function adminRequest(random: Random, t: FuzzTargets, index: number): Made {
  const segment = () => (random() < 0.1 ? huge(random) : pick(random, NASTY_SEGMENTS));
  const uuid = () =>
    pick(random, [
      "00000000-0000-0000-0000-000000000000",
      "ffffffff-ffff-4fff-bfff-ffffffffffff",
      `${hashInts(index).toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`,
    ]);
  const name = `${t.project}-${index}`;
  const own = random() < 0.5;
  const makers: (() => Made)[] = [
    () => ({
      kind: "projects list",
      method: "GET",
      url: `/api/v1/projects${junkQuery(random)}`,
      headers: {},
    }),
    () => withBody(random, "projects create", "POST", "/api/v1/projects", { slug: name, name }),
    () => ({
      kind: `keys list path:${own ? "own" : "nasty"}`,
      method: "GET",
      url: `/api/v1/projects/${own ? t.project : segment()}/keys${junkQuery(random)}`,
      headers: {},
    }),
    // Never the demo project: other tests read its keys.
    () =>
      withBody(
        random,
        "keys create",
        "POST",
        `/api/v1/projects/${own ? t.project : segment()}/keys`,
        {
          name,
          scopes: pick(random, [["read"], ["ingest"], ["ingest", "read"]]),
        },
      ),
    () => {
      const id = pick(random, [() => pick(random, t.revocableKeyIds), uuid, segment])();
      return { kind: "key revoke", method: "POST", url: `/api/v1/keys/${id}/revoke`, headers: {} };
    },
    () => ({
      kind: "users list",
      method: "GET",
      url: `/api/v1/users${junkQuery(random)}`,
      headers: {},
    }),
    () =>
      withBody(random, "users create", "POST", "/api/v1/users", {
        email: `${name}@example.com`,
        role: pick(random, ["admin", "ops", "support"]),
        password: "fuzz-password-1234",
      }),
    () =>
      withBody(
        random,
        `user update path:${own ? "own" : "nasty"}`,
        "PATCH",
        `/api/v1/users/${own ? pick(random, t.userIds) : segment()}`,
        random() < 0.5 ? { role: pick(random, ["ops", "support"]) } : { disabled: random() < 0.5 },
      ),
  ];
  return pick(random, makers)();
}

// ---------------------------------------------------------------------------------------------
// Better Auth's endpoints: always without the admin's session (signing it out would sign out
// every test that shares it), from the fuzz's own client addresses.

const JUNK_COOKIES = [
  ...["better-auth.session_token=junk", "better-auth.session_token=a.b", "a=b; ".repeat(300)],
  ...["better-auth.session_token=", "__Secure-better-auth.session_token=x.y"],
  ...["better-auth.session_token=%00.%ff", "better-auth.session_data=e30.e30"],
  `better-auth.session_token=${"x".repeat(4_000)}`,
];

const UNEXPOSED_AUTH_PATHS = [
  ...["sign-up/email", "admin/set-role", "admin/impersonate-user", "ok", "error", "%00", ""],
  ...["..%2Fv1%2Fusers", "list-sessions", "sign-in/social"],
];

function authRequest(random: Random, t: FuzzTargets, index: number): Made {
  const from = { "x-forwarded-for": pick(random, FUZZ_CLIENT_ADDRESSES) };
  const cookie = (): Record<string, string> =>
    random() < 0.4 ? { cookie: pick(random, JUNK_COOKIES) } : {};
  const origin = () => pick(random, ["$ORIGIN", "$ORIGIN", "http://evil.example"]);
  const signIn = { email: `${t.project}-${index}@example.com`, password: "not the password" };
  const makers: (() => Made)[] = [
    () => withBody(random, "sign-in", "POST", "/api/auth/sign-in/email", signIn),
    () => withBody(random, "sign-out", "POST", "/api/auth/sign-out", {}),
    () => ({
      kind: "get-session",
      method: "GET",
      url: `/api/auth/get-session${junkQuery(random)}`,
      headers: {},
    }),
    () => ({
      kind: "auth unexposed",
      method: pick(random, ["GET", "POST"]),
      url: `/api/auth/${pick(random, UNEXPOSED_AUTH_PATHS)}`,
      headers: JSON_TYPE,
      body: Buffer.from("{}"),
    }),
  ];
  const made = pick(random, makers)();
  return { ...made, headers: { ...made.headers, ...from, ...cookie(), origin: origin() } };
}

// ---------------------------------------------------------------------------------------------
// Ingest, operations, unknown paths, methods.

function otlpJson(random: Random): string {
  const value = hostileValue(random);
  const attribute = (key: string, v: unknown) => ({ key, value: v });
  const record = {
    timeUnixNano: pick(random, ["1764151200000000000", "-1", "1e30", value]),
    attributes: [
      attribute("error.code", pick(random, [{ intValue: value }, value, { intValue: "50502" }])),
      attribute(pick(random, ["exception.type", "\u0000", "__proto__"]), { stringValue: value }),
    ],
  };
  const resource = { attributes: [attribute("service.version", { stringValue: "\u0000" })] };
  return JSON.stringify({ resourceLogs: [{ resource, scopeLogs: [{ logRecords: [record] }] }] });
}

/** The ingest doors, with the ingest fuzz's own requests (test/support/hostile-inputs.ts). */
function ingestRequest(random: Random): Made {
  const url = pick(random, ["/api/v1/events", "/v1/logs"]);
  if (url === "/v1/logs" && random() < 0.4) {
    if (random() < 0.5) {
      return {
        kind: "otlp json",
        method: "POST",
        url,
        headers: JSON_TYPE,
        body: Buffer.from(otlpJson(random)),
      };
    }
    const bytes = Array.from({ length: Math.floor(random() * 2_048) }, () =>
      Math.floor(random() * 256),
    );
    const headers = { "content-type": "application/x-protobuf" };
    return {
      kind: "otlp protobuf garbage",
      method: "POST",
      url,
      headers,
      body: Buffer.from(bytes),
    };
  }
  const request = hostileRequest(random);
  return {
    kind: `${url.slice(1)} ${request.kind}`,
    method: "POST",
    url,
    headers: request.headers,
    body: request.body,
  };
}

function operationsRequest(random: Random): Made {
  const path = pick(random, ["/api/health", "/metrics"]);
  const url = `${path}${queryString([[pick(random, ["x", ...NASTY]), pick(random, NASTY)]])}`;
  return { kind: `${path.slice(1)} query`, method: "GET", url, headers: {} };
}

/** Paths no route serves; and what Next.js serves itself, which the proxy does not see. */
const UNKNOWN_PATHS = [
  ...["/api/v1/codes/1/2", "/api/v1/", "/api/v1", "/api", "/api/v2/codes", "/api/v1/incidents"],
  ...[
    "/api/v1/events/x",
    "/api/%2e%2e/metrics",
    "/api/v1/codes/..%2F..%2Fusers",
    "/api/v1/series%2F",
  ],
  ...[
    "/api/v1/projects//keys",
    "/api/v1/projects/%2F/keys",
    "/api/v1/keys//revoke",
    "/api/v1/users/",
  ],
  ...["/api/v1/users/%2e%2e", "/api/v1/keys/x/revoke/", "/API/V1/CODES", "/api/v1/codes;x", "/v1"],
  ...[
    "/api/v1/codes%3Fq%3Dx",
    "/api/v1/codes%00",
    "/api/v1/%ff",
    "/api/v1/users/x/y",
    "/v1/logs/x",
  ],
  ...["/metrics/x", "/api/health/x", "/api/v1/top/x", "/codes/%ff", "/codes/%c3%28?x=%00"],
  ...["/_next/static/%ff%fe", "/_next/image?url=%ff&w=64&q=75", "/_next/image?url=%00&w=64&q=75"],
  ...[
    "/_next/image?url=http://evil.example/x.png&w=64&q=75",
    "/_next/data/x/%ff.json",
    "/favicon.ico%ff",
  ],
  ...["/robots.txt/%c3%28", "/_next/%2e%2e/%2e%2e/package.json"],
];

function unknownPathRequest(random: Random): Made {
  const method = pick(random, ["GET", "POST"]);
  return {
    kind: "unknown path",
    method,
    url: pick(random, UNKNOWN_PATHS),
    headers: JSON_TYPE,
    body: Buffer.from("{}"),
  };
}

const ROUTES = [
  ...["/api/v1/codes", "/api/v1/codes/50502", "/api/v1/series", "/api/v1/top", "/api/v1/breakdown"],
  ...["/api/v1/projects", "/api/v1/users", "/api/health", "/metrics", "/api/v1/events", "/v1/logs"],
  ...[
    "/api/v1/projects/x/keys",
    "/api/v1/keys/x/revoke",
    "/api/v1/users/x",
    "/api/auth/get-session",
  ],
];

function methodRequest(random: Random): Made {
  const method = pick(random, ["PUT", "DELETE", "PATCH", "POST", "HEAD", "OPTIONS", "PROPFIND"]);
  return {
    kind: "method",
    method,
    url: pick(random, ROUTES),
    headers: JSON_TYPE,
    body: Buffer.from("{}"),
  };
}

// ---------------------------------------------------------------------------------------------
// Headers and credentials.

const AUTHORIZATIONS = [
  ...["", "Bearer", "Bearer ", "Bearer  ", "bearer cw_x", "Basic YWRtaW46YWRtaW4=", "Token $READ"],
  ...[
    "$READ",
    "Bearer $READx",
    "Bearer $READ $READ",
    "Bearer\t$READ",
    "bearer $READ",
    "Bearer $READ ",
  ],
  ...["Bearer $INGEST", "Bearer cw_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Bearer cw_%00"],
  ...[
    `Bearer ${"x".repeat(5_000)}`,
    "Bearer \u00ff\u00fe",
    "Bearer cw_\u00e9",
    "Bearer $READ, Bearer $READ",
  ],
];

const ODD_HEADERS: [string, string[]][] = [
  [
    "x-request-id",
    ["ok-1", "x".repeat(129), "a b", "../../etc/passwd", "%00", "\u00e9", "<script>", ""],
  ],
  ["accept", ["*/*", "text/html", "application/xml", "", "application/problem+json;q=0"]],
  ["accept-encoding", ["br", "identity;q=0", "x".repeat(200), "", "gzip;q=2"]],
  ["x-forwarded-host", ["evil.example", "a b", "[::1", "", "x:99999"]],
  ["x-forwarded-proto", ["javascript", "https,http", "", "HTTP"]],
  [
    "x-forwarded-for",
    ["", "unknown", "999.999.999.999", "::ffff:1.2.3.4", "1.1.1.1, 2.2.2.2", "x".repeat(500)],
  ],
  ["content-encoding", ["gzip", "br", "deflate", "identity", "gzip, gzip", "x"]],
  ["range", ["bytes=0-0", "bytes=-1", "bytes=x"]],
  ["if-none-match", ['"x"', "*", 'W/"0"']],
  // Headers Next.js reads itself: a bypass of the proxy, a server action, a partial render.
  [
    "x-middleware-subrequest",
    ["middleware:middleware:middleware:middleware:middleware", "proxy:proxy:proxy:proxy:proxy"],
  ],
  ["next-action", ["x", "0".repeat(40)]],
  ["rsc", ["1"]],
  ["next-router-state-tree", ["%%junk", "[]", "%5B%22%22%5D"]],
  ["next-router-prefetch", ["1"]],
  ["purpose", ["prefetch"]],
  ["x-nonce", ["evil"]],
  ["x-invoke-path", ["/api/v1/users"]],
];

function oddHeaders(random: Random, signingIn: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 1 + Math.floor(random() * 2); i > 0; i--) {
    const [name, values] = pick(random, ODD_HEADERS);
    // Sign-in attempts keep their own address: the limits per address are shared with others.
    if (!(signingIn && name === "x-forwarded-for")) headers[name] = pick(random, values);
  }
  return headers;
}

type Door = "read" | "admin" | "ingest" | "public";

const CREDENTIALS: Record<Door, [number, Credential][]> = {
  read: [
    [50, "session"],
    [35, "read-key"],
    [5, "ingest-key"],
    [5, "revoked-key"],
    [5, "none"],
  ],
  admin: [
    [86, "session"],
    [6, "session-cross-site"],
    [4, "read-key"],
    [4, "none"],
  ],
  ingest: [
    [85, "ingest-key"],
    [10, "read-key"],
    [5, "none"],
  ],
  public: [
    [50, "none"],
    [50, "read-key"],
  ],
};

// ---------------------------------------------------------------------------------------------

/** Request `index` of `seed`: the same on every run, whatever came before it. */
export function fuzzRequest(seed: number, index: number, t: FuzzTargets): FuzzRequest {
  const random = mulberry32(hashInts(seed, index));
  const family = weighted(random, [
    [30, "stats"],
    [14, "codes"],
    [24, "admin"],
    [7, "auth"],
    [3, "operations"],
    [7, "ingest"],
    [4, "unknown path"],
    [3, "method"],
    [5, "raw"],
  ]);
  const makers: Record<string, () => [Made, Door]> = {
    stats: () => [statsRequest(random, t), "read"],
    codes: () => [codesRequest(random), "read"],
    admin: () => [adminRequest(random, t, index), "admin"],
    auth: () => [authRequest(random, t, index), "public"],
    operations: () => [operationsRequest(random), "public"],
    ingest: () => [ingestRequest(random), "ingest"],
    "unknown path": () => [unknownPathRequest(random), "read"],
    method: () => [methodRequest(random), "admin"],
  };
  if (family === "raw") return rawRequest(random, t.project);
  const [made, door] = makers[family]!();
  const credential = family === "auth" ? "none" : weighted(random, CREDENTIALS[door]);
  const headers = { ...made.headers };
  if (random() < 0.2) Object.assign(headers, oddHeaders(random, family === "auth"));
  if (family !== "auth" && random() < 0.1) headers.authorization = pick(random, AUTHORIZATIONS);
  if (!credential.startsWith("session") && random() < 0.05) {
    headers.cookie = pick(random, JUNK_COOKIES);
  }
  return { ...made, credential, headers };
}
