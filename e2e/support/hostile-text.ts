/**
 * The pieces hostile requests are made of (e2e/support/hostile-routes.ts): query and path text
 * percent-encoded as it goes on the wire, odd times, ranges and numbers, and JSON bodies close to
 * an endpoint's valid body or nowhere near it.
 */
import { gzipSync } from "node:zlib";

import { hostileValue, pick, type Random } from "../../test/support/hostile-inputs";

export { pick, type Random };

/** A list written as one string, for values without spaces. */
const words = (text: string) => text.trim().split(/\s+/);

/** Values for a query parameter or a path segment: NUL, surrogates, not UTF-8, odd numbers... */
export const NASTY = [
  ...words("%00 a%00b 5.2.1%00 %00%00 %ed%a0%80 %ed%bf%bf a%ed%a0%80b %ff %ff%fe %c3%28 %c0%af"),
  ...words("%e2%82 %f8%88%80%80%80 %fe%ff%00a % %% %zz %u0000 %2 %25 %2500 %0d%0a %0a %09 %20 +"),
  ...words("%2C %2C%2C , ,,, a,,b, %e2%80%ae %f0%9f%92%a9 %ef%bb%bf %c2%a0 %e3%80%80 %d9%a5%d9%a0"),
  ...words("%ef%bc%95%ef%bc%90%ef%bc%95%ef%bc%90%ef%bc%92 '%3B%20DROP%20TABLE%20event%3B-- %5C"),
  ...words("%27%20OR%20%271%27%3D%271 %5C%5Cx null undefined NaN Infinity -Infinity -0 1e309"),
  ...words("0x10 1_000 %20%201 %5B%5D %7B%7D __proto__ constructor prototype toString * _ %25%25"),
  ...words("%24%7Bjndi%3Aldap%3A%2F%2Fx%7D %3Cscript%3E %2F a%2Fb"),
];

/** Path segments: the nasty values, plus dot segments, slashes and odd numbers. */
export const NASTY_SEGMENTS = [
  ...NASTY,
  ...words(".. %2e%2e . %2e ..%2F..%2Fusers %2e%2e%2f%2e%2e%2fmetrics %252e%252e %5C 50502%00"),
  ...words("50502%20 %2B50502 1e5 -1 0 999999999 9999999999 50502;x %3B %3F %23 ~ @ %5Bid%5D a:b"),
];

export const DIMENSIONS = words(
  "appVersion osVersion apiLevel platform network carrier region host remoteIp exception",
);

/** Values of a dimension filter that are fine, to mix with hostile ones. */
export const DIMENSION_VALUES = words(
  "5.2.1 5.2.1,5.2.2 7.0 24 android ios wifi 4g cn-east a1.example.com 203.0.113.7 " +
    "javax.net.ssl.SSLHandshakeException %E7%A7%BB%E5%8A%A8",
);

export const ODD_TIMES = [
  "",
  ...words("now yesterday 2026-02-30T00:00:00Z 2026-13-01T00:00:00Z 2026-11-26T24:00:00Z"),
  ...words("2026-11-26T23:59:60Z 0000-01-01T00:00:00Z 0001-01-01T00:00:00Z 1970-01-01T00:00:00Z"),
  ...words("9999-12-31T23:59:59Z %2B275760-09-13T00:00:00Z -000001-01-01T00:00:00Z 2026-11-26"),
  ...words("2026-11-26T00:00 2026-11-26T00:00:00 2026-11-26T00:00:00%2B25:00 2026-W48 P1D -1"),
  ...words("2026-11-26T00:00:00%2B14:00 2026-11-26T00:00:00-12:00 2026-11-26T00:00:00.123456789Z"),
  ...words("2026-11-26%2000:00:00Z 2026-11-26T00:00:00z 1764151200 1764151200000"),
];

export const ODD_INTERVALS = ["", ...words("1M 60m 1h%20 1d%00 5m,1h 0m 1s 1w %31h")];
export const ODD_LIMITS = ["", ...words("0 -1 201 501 1.5 1e2 %201 0x10 NaN 1e400")];
export const ODD_CODES = [
  ...words("50502, , 0 999999999 9999999999 00050502 50502,,50503 -1 1e3 50502%2C50503 %EF%BC%95"),
  Array.from({ length: 65 }, (_, i) => i + 1).join(","),
];
export const ODD_CODE = ["", ...words("-1 2147483648 1.5 1e3 %EF%BC%91 0x10 50502%00")];
export const ODD_DIMENSIONS = [
  "",
  ...words("APPVERSION deviceId __proto__ host%00 message project"),
];
export const ODD_PROJECTS = [...words("demo no-such-project DEMO a -a"), "a".repeat(64), ...NASTY];
export const UNKNOWN_PARAMETERS = [
  "",
  "x".repeat(300),
  ...words("tz foo __proto__ constructor q limit project%5B%5D a%5Bb%5D %00 %ff %ed%a0%80"),
  ...words("toString %20code"),
];

export function huge(random: Random, max = 7_000): string {
  return "x".repeat(1_000 + Math.floor(random() * (max - 1_000)));
}

export function weighted<T>(random: Random, choices: [number, T][]): T {
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  let r = random() * total;
  for (const [weight, choice] of choices) {
    r -= weight;
    if (r < 0) return choice;
  }
  return choices[choices.length - 1]![1];
}

// ---------------------------------------------------------------------------------------------
// Query strings and ranges.

/** Query parameters in order, values already encoded; `undefined` is a bare name (`?flag`). */
export type Pairs = [string, string | undefined][];

export function queryString(pairs: Pairs): string {
  if (pairs.length === 0) return "";
  return `?${pairs.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join("&")}`;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const iso = (ms: number) => new Date(ms).toISOString();

/** Ranges that parse, some too long, reversed, empty, or outside the raw events' 30 days. */
export function oddRange(random: Random, now: number): [string, string] {
  const [from, to] = pick<[number, number]>(random, [
    [now - HOUR, now],
    [now - 29 * DAY, now],
    [now - 31 * DAY, now],
    [now - 399 * DAY, now],
    [now - 401 * DAY, now],
    [now, now - HOUR],
    [now, now],
    [now + DAY, now + 2 * DAY],
    [0, now],
    [Date.UTC(1, 0, 1), Date.UTC(1, 0, 2)],
    [Date.UTC(9999, 11, 30), Date.UTC(9999, 11, 31)],
  ]);
  return [iso(from), iso(to)];
}

/**
 * Makes a query hostile in one to three ways: generic ones (a nasty or huge value, a repeated,
 * unknown or dropped parameter) and `specific` ones (a parameter set to one of its odd values).
 * Returns the names of what it did.
 */
export function mutateQuery(
  random: Random,
  pairs: Pairs,
  specific: Record<string, string[]>,
): string[] {
  const some = () => pairs[Math.floor(random() * pairs.length)];
  const change = (value: (old: string) => string) => {
    const pair = some();
    if (pair) pair[1] = value(pair[1] ?? "");
  };
  const mutations: Record<string, () => void> = {
    nasty: () => change(() => pick(random, NASTY)),
    "nasty-suffix": () => change((old) => `${old}${pick(random, NASTY)}`),
    huge: () => change(() => huge(random)),
    repeated: () => {
      const pair = some();
      if (pair) pairs.push([pair[0], random() < 0.5 ? pair[1] : pick(random, NASTY)]);
    },
    unknown: () =>
      pairs.push([
        pick(random, UNKNOWN_PARAMETERS),
        random() < 0.2 ? undefined : pick(random, NASTY),
      ]),
    dropped: () => void pairs.splice(Math.floor(random() * pairs.length), 1),
    separators: () => pairs.push([pick(random, ["", "&", "=", "==", "&&&", "?"]), undefined]),
  };
  for (const [name, values] of Object.entries(specific)) {
    mutations[name] = () => {
      const value = pick(random, values);
      const found = pairs.find(([k]) => k === name);
      if (found) found[1] = value;
      else pairs.push([name, value]);
    };
  }
  const names = Object.keys(mutations);
  const done: string[] = [];
  for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
    const name = pick(random, names);
    mutations[name]!();
    done.push(name);
  }
  return done;
}

// ---------------------------------------------------------------------------------------------
// Bodies.

/** Strings a JSON field could carry that the database or a parser may choke on. */
const NASTY_JSON_STRINGS = [
  ...["a\u0000b", "\u0000", "\ud800", "x\udfffy", "\ud83d", "", " ", "\t\n", "\u202e", "\ufeff"],
  ...["'; DROP TABLE project;--", "../../etc/passwd", "%00", "__proto__", "😀".repeat(40)],
];

const INVALID_JSON = [
  ...["{", "{'a':1}", '{"a":1,}', "NaN", '{"a":01}', '{"a":"\u0000"}', "\ufeff{}", "}", "\u0000"],
  ...['{"a":1}{"b":2}', '{"a":"\\x00"}', '{"a":"\\ud800\\u"}'],
];

const ODD_CONTENT_TYPES = [
  ...["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "", "json"],
  ...["application/jsonx", "application/json; charset=utf-16", "APPLICATION/JSON", "*/*"],
  ...["application/json;charset=latin1", "application/ld+json"],
];

export interface Body {
  kind: string;
  headers: Record<string, string>;
  body: Buffer;
}

export const JSON_TYPE = { "content-type": "application/json" };

function nested(random: Random): string {
  const depth = 100 + Math.floor(random() * 20_000);
  return random() < 0.5
    ? "[".repeat(depth) + "]".repeat(depth)
    : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** A body for an endpoint whose valid body is `valid`: often close to it, sometimes not at all. */
export function hostileBody(random: Random, valid: Record<string, unknown>): Body {
  const json = (kind: string, value: unknown) => text(kind, JSON.stringify(value));
  const text = (kind: string, value: string, headers = JSON_TYPE) => ({
    kind,
    headers,
    body: Buffer.from(value),
  });
  const fields = Object.keys(valid);
  const withField = (field: string, value: unknown) => ({ ...valid, [field]: value });
  const makers: [number, () => Body][] = [
    [3, () => json("valid", valid)],
    [
      30,
      () => {
        let changed = valid;
        for (let i = 1 + Math.floor(random() * 2); i > 0; i--) {
          const value = random() < 0.5 ? pick(random, NASTY_JSON_STRINGS) : hostileValue(random);
          changed = { ...changed, [pick(random, fields)]: value };
        }
        return json("field", changed);
      },
    ],
    [6, () => json("extra-field", withField(pick(random, ["extra", "id", "role", "x"]), 1))],
    [
      5,
      () =>
        text(
          "prototype-keys",
          '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}},' +
            JSON.stringify(valid).slice(1),
        ),
    ],
    [4, () => text("deep", nested(random))],
    [5, () => text("not-an-object", pick(random, ["null", "1", '"x"', "[]", "true", "[{}]"]))],
    [6, () => text("invalid-json", pick(random, INVALID_JSON))],
    [3, () => ({ ...text("not-utf8", ""), body: Buffer.from('{"a":"\xc3(\xff"}', "latin1") })],
    [
      3,
      () => {
        const size = 65_536 + Math.floor(random() * 1_000_000);
        return json("huge", withField(pick(random, fields), "h".repeat(size)));
      },
    ],
    [3, () => text("empty", "")],
    [
      6,
      () =>
        text("content-type", JSON.stringify(valid), {
          "content-type": pick(random, ODD_CONTENT_TYPES),
        }),
    ],
    [
      3,
      () => ({
        kind: "gzip",
        headers: { ...JSON_TYPE, "content-encoding": "gzip" },
        body: gzipSync(JSON.stringify(valid)),
      }),
    ],
    [
      2,
      () => ({
        kind: "utf-16",
        headers: { "content-type": "application/json; charset=utf-16le" },
        body: Buffer.from(JSON.stringify(valid), "utf16le"),
      }),
    ],
    [2, () => text("duplicate-keys", `{${fields.map((f) => `"${f}":1,"${f}":"\\u0000"`).join()}}`)],
  ];
  return weighted(random, makers)();
}
