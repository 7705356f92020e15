/**
 * Raw HTTP/1.1 that no client library would send (e2e/support/hostile-routes.ts): literal dot
 * segments and bytes in the request target, odd Host headers, lying Content-Length, broken
 * chunking, duplicate and oversized headers. `$HOST`, `$ORIGIN`, `$READ` and `$COOKIE` are
 * filled in by the sender.
 */
import { pick, type Random } from "./hostile-text";

export interface RawHttpRequest {
  kind: string;
  raw: Buffer;
}

const KEY = "Authorization: Bearer $READ\r\n";
const ADMIN = "Cookie: $COOKIE\r\nOrigin: $ORIGIN\r\n";

function get(target: string, headers = `Host: $HOST\r\n${KEY}`): string {
  return `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;
}

/** An admin's POST with a JSON body. */
function post(target: string, headers: string, body: string): string {
  return (
    `POST ${target} HTTP/1.1\r\nHost: $HOST\r\n${ADMIN}Content-Type: application/json\r\n` +
    `${headers}Connection: close\r\n\r\n${body}`
  );
}

const DOT_SEGMENTS = [
  ...["/api/v1/codes/../users", "/api/v1/projects/../../api/v1/users", "/api/v1/keys/./x/revoke"],
  ...["/api/v1/codes/..", "/api/v1/codes/.", "/../api/v1/codes", "/api/v1/users/../users/x"],
  ...["/api/v1/codes/.../50502", "/api/v1/codes/..;/50502", "/api/v1/projects/x/keys/.."],
];

const BYTES_IN_TARGET = [[0xff, 0xfe], [0xc3, 0x28], [0x00], [0xed, 0xa0, 0x80], [0x7f], [0x20]];

const ABSOLUTE_TARGETS = [
  ...["http://evil.example/api/v1/codes", "http://$HOST/api/v1/codes?q=%00", "http://$HOST"],
  ...["https://[::1]/api/v1/users", "http://u:p@$HOST/api/v1/codes/50502"],
  "//evil.example/api/v1/codes",
];

const ODD_HOSTS = ["a b", "[::1", "", "evil.example:99999", "%00", "u@x", "x/y", "\u00ff"];

const BROKEN_CHUNKS = [
  ...["zz\r\n{}\r\n0\r\n\r\n", "2;ext=1\r\n{}\r\n0\r\n\r\n", "ffffffffffffffff\r\n{}\r\n0\r\n\r\n"],
  ...["2\r\n{}\r\n", "-2\r\n{}\r\n0\r\n\r\n"],
];

export function rawRequest(random: Random, project: string): RawHttpRequest {
  const makers: [string, () => string | Buffer][] = [
    ["dot segments", () => get(pick(random, DOT_SEGMENTS))],
    [
      "bytes in target",
      () =>
        Buffer.concat([
          Buffer.from(`GET /api/v1/${pick(random, ["codes/", "codes?q=", "projects/", "users/"])}`),
          Buffer.from(pick(random, BYTES_IN_TARGET)),
          Buffer.from(` HTTP/1.1\r\nHost: $HOST\r\n${KEY}Connection: close\r\n\r\n`),
        ]),
    ],
    ["odd host", () => get("/api/v1/codes/50502", `Host: ${pick(random, ODD_HOSTS)}\r\n${KEY}`)],
    ["no host", () => `GET /api/v1/codes/50502 HTTP/1.${pick(random, ["0", "1"])}\r\n${KEY}\r\n`],
    ["absolute target", () => get(pick(random, ABSOLUTE_TARGETS))],
    [
      "odd target",
      () => get(pick(random, ["?q=x", "api/v1/codes", "/api\\v1\\codes", "/api/v1/codes#x", "/%"])),
    ],
    [
      "lying content-length",
      () =>
        post(
          "/api/v1/projects",
          `Content-Length: ${pick(random, ["10000000", "5", "-1", "abc", "1e3", "100"])}\r\n`,
          `{"slug":"${project}-raw"}`,
        ),
    ],
    [
      "two content-lengths",
      () => post("/api/v1/projects", "Content-Length: 2\r\n".repeat(2), "{}"),
    ],
    [
      "broken chunks",
      () =>
        post(
          `/api/v1/projects/${project}/keys`,
          "Transfer-Encoding: chunked\r\n",
          pick(random, BROKEN_CHUNKS),
        ),
    ],
    [
      "chunked and content-length",
      () =>
        post(
          "/api/v1/projects",
          "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
          "2\r\n{}\r\n0\r\n\r\n",
        ),
    ],
    [
      "duplicate headers",
      () =>
        get(
          "/api/v1/codes/50502",
          `Host: $HOST\r\n${KEY}Authorization: Bearer cw_other\r\nCookie: a=1\r\nCookie: $COOKIE\r\n`,
        ),
    ],
    [
      "huge header",
      () => get("/api/v1/codes", `Host: $HOST\r\n${KEY}X-Big: ${"b".repeat(20_000)}\r\n`),
    ],
    [
      "many headers",
      () => get("/api/v1/codes", `Host: $HOST\r\n${KEY}${"X-A: 1\r\n".repeat(2_100)}`),
    ],
    ["bare newlines", () => get("/api/v1/codes/50502").replaceAll("\r\n", "\n")],
    ["header without colon", () => get("/api/v1/codes/50502", `Host: $HOST\r\n${KEY}NoColon\r\n`)],
    [
      "obs-fold",
      () => get("/api/v1/codes/50502", "Host: $HOST\r\nAuthorization: Bearer\r\n $READ\r\n"),
    ],
    [
      "nul in header",
      () => get("/api/v1/codes/50502", `Host: $HOST\r\n${KEY}X-Request-Id: a\0b\r\n`),
    ],
    ["unknown method", () => get("/api/v1/codes").replace(/^GET/, "FOO")],
    ["http/2 preface", () => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"],
    [
      "version",
      () =>
        get("/api/v1/codes").replace(
          "HTTP/1.1",
          `HTTP/${pick(random, ["9.9", "1.2", "0.9", "x"])}`,
        ),
    ],
  ];
  const [kind, make] = pick(random, makers);
  const made = make();
  return {
    kind: `raw ${kind}`,
    raw: typeof made === "string" ? Buffer.from(made, "latin1") : made,
  };
}
