/**
 * The simulated fleet: a stable, seeded pool of Android phones (API level, app version, model,
 * region, carrier, clock) and the servers they talk to, and how one event of a code looks when
 * one of those phones sends it: host, remote IP, exception text shaped like the real thing
 * (docs: shared domain notes, "Exception texts behind the network codes").
 *
 * Conventions for the texts: `exception` and `message` are the exception that identifies the
 * failure, as the catalogue lists its shapes; `cause` is the rest of the chain, as Android logs
 * it. Remote IPs are in the documentation ranges (RFC 5737), hosts under `.example`.
 */
import type { EventInput } from "../ingest/event-schema";
import { pickWeighted, rngFor, unitHash, type Rng } from "./traffic-model";

export const APP = "smartlife";

export const REGIONS = [
  "cn-east",
  "cn-north",
  "cn-south",
  "ap-southeast",
  "eu-west",
  "us-east",
] as const;
export type Region = (typeof REGIONS)[number];

export type Market = "cn" | "global";
export const marketOf = (region: Region): Market => (region.startsWith("cn-") ? "cn" : "global");

export interface HostSpec {
  name: string;
  market: Market;
  /** What the host's load balancer speaks (50503 only happens on HTTP/1.1, 50408 mostly on h2). */
  protocol: "h2" | "http/1.1";
  /** Share of a market's requests that go to this host. */
  weight: number;
  /** Load-balancer nodes behind the name; a phone keeps the one it resolved (sticky). */
  nodes: readonly string[];
}

/** One wildcard certificate (*.smartlife.example) covers every host: an expiry hits them all. */
export const HOSTS: readonly HostSpec[] = [
  {
    name: "a1.smartlife.example",
    market: "cn",
    protocol: "h2",
    weight: 6,
    nodes: ["203.0.113.11", "203.0.113.12", "203.0.113.13"],
  },
  {
    name: "m1.smartlife.example",
    market: "cn",
    protocol: "http/1.1",
    weight: 4,
    nodes: ["203.0.113.31", "203.0.113.32", "203.0.113.33", "203.0.113.34"],
  },
  {
    name: "a2.smartlife.example",
    market: "global",
    protocol: "h2",
    weight: 6,
    nodes: ["198.51.100.21", "198.51.100.22"],
  },
  {
    name: "m2.smartlife.example",
    market: "global",
    protocol: "http/1.1",
    weight: 4,
    nodes: ["198.51.100.41", "198.51.100.42"],
  },
];

// ---------------------------------------------------------------------------------------------
// Device attributes.

const API_LEVELS: [number, number][] = [
  [21, 1],
  [22, 2],
  [23, 4],
  [24, 4],
  [25, 3],
  [26, 5],
  [27, 5],
  [28, 9],
  [29, 12],
  [30, 14],
  [31, 13],
  [32, 3],
  [33, 14],
  [34, 11],
  [35, 6],
];

/** Build.VERSION.RELEASE for each API level. */
export const OS_VERSIONS: Record<number, string> = {
  21: "5.0",
  22: "5.1",
  23: "6.0",
  24: "7.0",
  25: "7.1.1",
  26: "8.0.0",
  27: "8.1.0",
  28: "9",
  29: "10",
  30: "11",
  31: "12",
  32: "12",
  33: "13",
  34: "14",
  35: "15",
};

/** App versions in use, newest most common, with the SDK each ships. */
const APP_VERSIONS: [string, number][] = [
  ["5.4.0", 45],
  ["5.3.2", 28],
  ["5.3.0", 14],
  ["5.2.1", 9],
  ["5.1.0", 4],
];
export const SDK_VERSIONS: Record<string, string> = {
  "5.5.0": "5.9.0",
  "5.4.0": "5.8.1",
  "5.3.2": "5.6.2",
  "5.3.0": "5.6.0",
  "5.2.1": "5.2.3",
  "5.1.0": "4.9.7",
};

const MODELS = {
  old: ["Redmi Note 4X", "HUAWEI P9", "OPPO A57", "vivo Y66", "SM-J700F", "Redmi 4A"],
  mid: ["Redmi Note 7", "HUAWEI P20", "OPPO R15", "vivo X21", "SM-G960F", "MI 8", "Honor 10"],
  new: ["Xiaomi 13", "Redmi Note 12", "OPPO Reno8", "vivo X90", "SM-S911B", "Pixel 7", "Honor 70"],
};

const REGION_WEIGHTS: [Region, number][] = [
  ["cn-east", 32],
  ["cn-south", 22],
  ["cn-north", 20],
  ["ap-southeast", 10],
  ["eu-west", 9],
  ["us-east", 7],
];

const CARRIERS: Record<Market | "eu" | "us", [string, number][]> = {
  cn: [
    ["China Mobile", 55],
    ["China Unicom", 25],
    ["China Telecom", 20],
  ],
  global: [
    ["Singtel", 40],
    ["AIS", 30],
    ["Globe", 30],
  ],
  eu: [
    ["Vodafone", 40],
    ["Orange", 30],
    ["Deutsche Telekom", 30],
  ],
  us: [
    ["Verizon", 40],
    ["AT&T", 35],
    ["T-Mobile", 25],
  ],
};

const LOCALES: Record<Region, [string, number][]> = {
  "cn-east": [
    ["zh-CN", 95],
    ["en-US", 5],
  ],
  "cn-north": [
    ["zh-CN", 96],
    ["en-US", 4],
  ],
  "cn-south": [
    ["zh-CN", 90],
    ["zh-HK", 6],
    ["en-US", 4],
  ],
  "ap-southeast": [
    ["en-SG", 45],
    ["zh-SG", 25],
    ["th-TH", 30],
  ],
  "eu-west": [
    ["en-GB", 45],
    ["de-DE", 30],
    ["fr-FR", 25],
  ],
  "us-east": [
    ["en-US", 85],
    ["es-US", 15],
  ],
};

/** Hours from UTC of the phone's time zone, for the dates Android prints (DST ignored). */
const UTC_OFFSETS: Record<Region, number> = {
  "cn-east": 8,
  "cn-north": 8,
  "cn-south": 8,
  "ap-southeast": 8,
  "eu-west": 1,
  "us-east": -5,
};

export const NETWORKS: [string, number][] = [
  ["wifi", 68],
  ["4g", 20],
  ["5g", 9],
  ["3g", 3],
];
export const CELLULAR = ["4g", "5g", "3g"];

export interface Device {
  /** Position in the pool; stable for a seed. */
  index: number;
  /** Like an Android ID: 16 hex digits. */
  deviceId: string;
  apiLevel: number;
  osVersion: string;
  deviceModel: string;
  appVersion: string;
  sdkVersion: string;
  region: Region;
  carrier: string;
  locale: string;
  utcOffsetHours: number;
  /** Device clock minus real time; 0 for almost every phone. */
  clockOffsetMs: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DEVICE_STREAM = 2;
const CLOCK_STREAM = 3;
const IP_STREAM = 4;

function hex16(seed: number, index: number): string {
  return [5, 6]
    .map((salt) => Math.floor(unitHash(seed, index, salt) * 4_294_967_296).toString(16))
    .map((part) => part.padStart(8, "0"))
    .join("");
}

/** How a phone's clock went wrong. An RTC reset shows 1970; a mistyped year is far ahead. */
function wrongClockOffset(rng: Rng): number {
  return pickWeighted<() => number>(rng, [
    // Reset to the epoch after the battery ran flat, then ran on for a few weeks.
    [() => -Date.UTC(2026, 0, 1) + Math.floor(rng() * 30 * DAY_MS), 35],
    [() => Math.floor((1 + rng() * 2) * 365 * DAY_MS), 30],
    [() => -Math.floor((1 + rng() * 19) * DAY_MS), 20],
    // Time typed in as local time with the wrong zone: off by whole hours.
    [() => (rng() < 0.5 ? -1 : 1) * (rng() < 0.7 ? 8 : 1) * HOUR_MS, 15],
  ])();
}

export function createDevice(seed: number, index: number, clockOffsetMs = 0): Device {
  const rng = rngFor(seed, DEVICE_STREAM, index);
  const apiLevel = pickWeighted(rng, API_LEVELS);
  const region = pickWeighted(rng, REGION_WEIGHTS);
  const carriers =
    region === "eu-west"
      ? CARRIERS.eu
      : region === "us-east"
        ? CARRIERS.us
        : CARRIERS[marketOf(region)];
  const models = apiLevel <= 24 ? MODELS.old : apiLevel <= 29 ? MODELS.mid : MODELS.new;
  const appVersion = pickWeighted(rng, APP_VERSIONS);
  return {
    index,
    deviceId: hex16(seed, index),
    apiLevel,
    osVersion: OS_VERSIONS[apiLevel] ?? "unknown",
    deviceModel: models[Math.floor(rng() * models.length)] ?? "unknown",
    appVersion,
    sdkVersion: SDK_VERSIONS[appVersion] ?? "unknown",
    region,
    carrier: pickWeighted(rng, carriers),
    locale: pickWeighted(rng, LOCALES[region]),
    utcOffsetHours: UTC_OFFSETS[region],
    clockOffsetMs,
  };
}

export interface PopulationOptions {
  seed: number;
  /** Phones with a correct clock. */
  size?: number;
  /** Extra phones whose clock is wrong, as a share of `size` (the 50502 background). */
  wrongClockShare?: number;
}

export interface Population {
  readonly seed: number;
  /** Phones with a correct clock. */
  readonly devices: readonly Device[];
  /** Phones whose clock is wrong (years, days or hours off). */
  readonly wrongClock: readonly Device[];
  randomDevice(rng: Rng): Device;
  /** A phone whose clock is at least `minOffsetMs` off. */
  randomWrongClock(rng: Rng, minOffsetMs?: number): Device;
  hostsFor(device: Device): HostSpec[];
  pickHost(rng: Rng, device: Device, protocol?: HostSpec["protocol"]): HostSpec;
  /** The load-balancer node a phone uses for a host: fixed per phone and host. */
  remoteIp(device: Device, host: HostSpec): string;
}

export function createPopulation(options: PopulationOptions): Population {
  const { seed } = options;
  const size = options.size ?? 20_000;
  const devices = Array.from({ length: size }, (_, i) => createDevice(seed, i));
  const wrongClock = Array.from(
    { length: Math.max(1, Math.round(size * (options.wrongClockShare ?? 0.01))) },
    (_, i) => createDevice(seed, size + i, wrongClockOffset(rngFor(seed, CLOCK_STREAM, size + i))),
  );
  const hostsByMarket = {
    cn: HOSTS.filter((h) => h.market === "cn"),
    global: HOSTS.filter((h) => h.market === "global"),
  };
  const hostsFor = (device: Device) => hostsByMarket[marketOf(device.region)];
  return {
    seed,
    devices,
    wrongClock,
    randomDevice: (rng) => devices[Math.floor(rng() * devices.length)] ?? devices[0]!,
    randomWrongClock(rng, minOffsetMs = 0) {
      for (let tries = 0; tries < 100; tries++) {
        const device = wrongClock[Math.floor(rng() * wrongClock.length)]!;
        if (Math.abs(device.clockOffsetMs) >= minOffsetMs) return device;
      }
      return wrongClock.reduce((a, b) =>
        Math.abs(b.clockOffsetMs) > Math.abs(a.clockOffsetMs) ? b : a,
      );
    },
    hostsFor,
    pickHost(rng, device, protocol) {
      const candidates = hostsFor(device).filter((h) => !protocol || h.protocol === protocol);
      return pickWeighted(
        rng,
        candidates.map((h) => [h, h.weight] as const),
      );
    },
    remoteIp(device, host) {
      const hostIndex = HOSTS.indexOf(host);
      const node = Math.floor(
        unitHash(seed, IP_STREAM, device.index, hostIndex) * host.nodes.length,
      );
      return host.nodes[node] ?? host.nodes[0]!;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Failure texts.

export interface Failure {
  exception?: string;
  message?: string;
  cause?: string;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** java.util.Date#toString as Android prints it, e.g. "Thu Nov 26 14:01:15 GMT+08:00 2026". */
export function javaDate(ms: number, utcOffsetHours: number): string {
  const d = new Date(ms + utcOffsetHours * HOUR_MS);
  const zone =
    utcOffsetHours === 0
      ? "GMT"
      : `GMT${utcOffsetHours < 0 ? "-" : "+"}${pad(Math.abs(utcOffsetHours))}:00`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} ${zone} ${d.getUTCFullYear()}`;
}

export interface Certificate {
  notBefore: number;
  notAfter: number;
}

const RENEWAL_MS = 60 * DAY_MS;
const CERT_ANCHOR_MS = Date.UTC(2024, 0, 1, 6, 0, 0);

/** The servers' certificate at an instant: 90-day certificates renewed every 60 days. */
export function currentCertificate(atMs: number): Certificate {
  const notBefore = CERT_ANCHOR_MS + Math.floor((atMs - CERT_ANCHOR_MS) / RENEWAL_MS) * RENEWAL_MS;
  return { notBefore, notAfter: notBefore + 90 * DAY_MS - 1000 };
}

/**
 * What a phone reports when it checks `certificate` at `atMs` by its own clock: "expired at"
 * when its clock is past notAfter, "not valid until" when it is before notBefore (1970 clocks).
 */
export function certificateFailure(
  device: Device,
  atMs: number,
  certificate: Certificate = currentCertificate(atMs),
): Failure {
  const deviceNow = atMs + device.clockOffsetMs;
  const compared = `(compared to ${javaDate(deviceNow, device.utcOffsetHours)})`;
  const chain =
    "javax.net.ssl.SSLHandshakeException: Chain validation failed\n" +
    "Caused by: java.security.cert.CertPathValidatorException: timestamp check failed";
  if (deviceNow < certificate.notBefore) {
    return {
      exception: "java.security.cert.CertificateNotYetValidException",
      message: `Certificate not valid until ${javaDate(certificate.notBefore, device.utcOffsetHours)} ${compared}`,
      cause: chain,
    };
  }
  return {
    exception: "java.security.cert.CertificateExpiredException",
    message: `Certificate expired at ${javaDate(certificate.notAfter, device.utcOffsetHours)} ${compared}`,
    cause: chain,
  };
}

const TRUST_ANCHOR_TEXT = "Trust anchor for certification path not found.";
/** The phone does not trust the chain's root: missing root CA, bad intermediate, interception. */
export const TRUST_ANCHOR: Failure = {
  exception: "javax.net.ssl.SSLHandshakeException",
  message: `java.security.cert.CertPathValidatorException: ${TRUST_ANCHOR_TEXT}`,
  cause: `java.security.cert.CertPathValidatorException: ${TRUST_ANCHOR_TEXT}`,
};

export function unknownHost(host: string): Failure {
  return {
    exception: "java.net.UnknownHostException",
    message: `Unable to resolve host "${host}": No address associated with hostname`,
    cause:
      "android.system.GaiException: android_getaddrinfo failed: EAI_NODATA (No address associated with hostname)",
  };
}

const PIN = "sha256/r8udi/Mxd6pLOoYxFIc8cyeVTxR2rJq3rRYo5zXyI2c=";

/** The error text the SDK hands back for codes that are not exceptions (errorMsg). */
const SDK_MESSAGES: Record<number, string> = {
  101: "network error",
  102: "json parse failed",
  103: "network unavailable",
  105: "USER_SESSION_INVALID: session expired, please log in again",
  106: "sync io error",
  1001: "activator: phone lost the home network",
  1002: "activator: bind gateway failed, gateway already bound",
  1004: "activator: get token failed",
  1005: "activator: device did not come online",
  1006: "activator: timeout",
  1007: "activator: wrong device list",
  1100: "ILLEGAL_PHONE_NUMBER",
  1101: "ILLEGAL_VERIFY_CODE",
  1102: "firmware upgrade failed",
  10201: "device is not online on the LAN",
  10202: "device is not online in the cloud",
  10203: "device is offline",
  11001: "command format error",
  11002: "device has been removed",
  11004: "command send failed",
  11005: "command signature error",
  11009: "command data is empty",
  12001: "data parse failed",
  12002: "signature mismatch",
  12004: "protocol number does not exist",
};

interface FailureContext {
  rng: Rng;
  host: string;
  ip: string;
  device: Device;
  atMs: number;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] ?? items[0]!;
}

function networkFailure(code: number, c: FailureContext): Failure | undefined {
  switch (code) {
    case 50408:
      return {
        exception:
          c.rng() < 0.8 ? "java.net.SocketTimeoutException" : "java.io.InterruptedIOException",
        message: "timeout",
      };
    case 50500:
      return pick(c.rng, [
        {
          exception: "java.io.IOException",
          message: `unexpected end of stream on https://${c.host}/...`,
        },
        { exception: "java.net.SocketException", message: "Connection reset" },
        { exception: "java.net.SocketException", message: "Software caused connection abort" },
      ]);
    case 50501:
    case 50504:
      return unknownHost(c.host);
    case 50502:
      return TRUST_ANCHOR;
    case 50503:
      return { exception: "java.net.SocketTimeoutException", message: "Read timed out" };
    case 50505:
      return {
        exception: "java.net.ConnectException",
        message: `Failed to connect to ${c.host}/${c.ip}:443`,
        cause: `android.system.ErrnoException: isConnected failed: ${pick(c.rng, [
          "ECONNREFUSED (Connection refused)",
          "ETIMEDOUT (Connection timed out)",
          "EHOSTUNREACH (No route to host)",
        ])}`,
      };
    case 50506:
      return { exception: "java.net.NoRouteToHostException", message: "No route to host" };
    case 50507:
      return { exception: "java.net.SocketTimeoutException", message: "connect timed out" };
    case 50508:
      return { exception: "java.net.SocketTimeoutException", message: "SSL handshake timed out" };
    case 50509:
      return {
        exception: "javax.net.ssl.SSLHandshakeException",
        message: "Connection closed by peer",
      };
    case 50510:
      return {
        exception: "okhttp3.internal.http2.StreamResetException",
        message: "stream was reset: PROTOCOL_ERROR",
      };
    case 50511:
      return { exception: "java.io.IOException", message: "Canceled" };
    case 50512:
      return { message: "HTTP 502 Bad Gateway" };
    case 50513:
      return { message: "HTTP 503 Service Unavailable" };
    case 50514:
      return {
        exception: "com.alibaba.fastjson.JSONException",
        message: "syntax error, expect {, actual error, pos 0, fastjson-version 1.2.83",
      };
    case 50515:
      return {
        exception: "javax.net.ssl.SSLPeerUnverifiedException",
        message: `Hostname ${c.host} not verified:\n    certificate: ${PIN}\n    DN: CN=portal.hotel-wifi.example\n    subjectAltNames: [portal.hotel-wifi.example]`,
      };
    case 50516:
      return {
        exception: "javax.net.ssl.SSLPeerUnverifiedException",
        message: `Certificate pinning failure!\n  Peer certificate chain:\n    ${PIN}: CN=${c.host},O=Corporate TLS Inspection\n  Pinned certificates for ${c.host}:\n    sha256/7HIpactkIAq2Y49orFOOQKurWxmmSFZhBCoQYcRhJ3Y=`,
      };
  }
  return undefined;
}

function failureFor(code: number, c: FailureContext): Failure {
  if (code === 104) return certificateFailure(c.device, c.atMs);
  if (code === 12003) {
    const deviceNow = new Date(c.atMs + c.device.clockOffsetMs).toISOString();
    return { message: `data expired: request time ${deviceNow}` };
  }
  return networkFailure(code, c) ?? { message: SDK_MESSAGES[code] ?? `error ${code}` };
}

// ---------------------------------------------------------------------------------------------
// Events.

/** How much of a connection a code implies: a request made, a TCP/TLS peer, or only a host. */
const CONNECTION: Record<number, "request" | "peer" | "host"> = {
  ...Object.fromEntries(
    [50408, 50500, 50503, 50510, 50511, 50512, 50513, 50514].map((c) => [c, "request" as const]),
  ),
  ...Object.fromEntries(
    [50502, 50505, 50506, 50507, 50508, 50509, 50515, 50516].map((c) => [c, "peer" as const]),
  ),
  ...Object.fromEntries(
    [50501, 50504, 101, 103, 104, 105, 106, 1100, 1101].map((c) => [c, "host" as const]),
  ),
};

/** 50503 is "Read timed out", which only HTTP/1.1 produces; timeouts and resets on h2 differ. */
const PROTOCOL_OF: Record<number, HostSpec["protocol"]> = {
  50503: "http/1.1",
  50408: "h2",
  50510: "h2",
};

const PAIRING_MODES: [string, number][] = [
  ["EZ", 55],
  ["AP", 30],
  ["BLE", 15],
];
const CATEGORIES = ["cz", "dj", "kg", "wk", "sp", "pc", "ms"];

/** Context the SDK adds: how a pairing was attempted, what kind of device a command was for. */
function attributesFor(rng: Rng, code: number): Record<string, string> | undefined {
  if (code >= 1001 && code <= 1007) return { pairingMode: pickWeighted(rng, PAIRING_MODES) };
  if (code >= 10201 && code <= 11009) return { category: pick(rng, CATEGORIES) };
  return undefined;
}

/** One event ready to send, and when it really happened. */
export interface GeneratedEvent {
  /** As the phone sends it: `timestamp` is by the phone's clock. */
  event: EventInput;
  /** When it happened by the real (server) clock. */
  atMs: number;
  /** Phone clock minus real time: the batch carrying it says so with a matching `sentAt`. */
  clockOffsetMs: number;
}

export interface EventSpec {
  code: number;
  device: Device;
  atMs: number;
  eventId: string;
  /** A fixed host (and so the phone's node of it) instead of one that suits the code. */
  host?: HostSpec;
  failure?: Failure;
  /** Fields that override what the device and code give, e.g. a new appVersion or a network. */
  fields?: Partial<EventInput>;
}

export function buildEvent(population: Population, rng: Rng, spec: EventSpec): GeneratedEvent {
  const { code, device } = spec;
  const connection = CONNECTION[code];
  const host = connection
    ? (spec.host ?? population.pickHost(rng, device, PROTOCOL_OF[code]))
    : undefined;
  const ip = host && connection !== "host" ? population.remoteIp(device, host) : undefined;
  const failure =
    spec.failure ??
    failureFor(code, {
      rng,
      host: host?.name ?? HOSTS[0]!.name,
      ip: ip ?? HOSTS[0]!.nodes[0]!,
      device,
      atMs: spec.atMs,
    });
  const attributes = attributesFor(rng, code);
  const event: EventInput = {
    code,
    eventId: spec.eventId,
    timestamp: Math.max(0, spec.atMs + device.clockOffsetMs),
    ...(host && { host: host.name }),
    ...(ip && { remoteIp: ip }),
    ...(host && connection === "request" && { httpProtocol: host.protocol }),
    ...failure,
    app: APP,
    appVersion: device.appVersion,
    sdkVersion: device.sdkVersion,
    platform: "android",
    osVersion: device.osVersion,
    apiLevel: device.apiLevel,
    deviceModel: device.deviceModel,
    deviceId: device.deviceId,
    network: code === 50501 ? "none" : pickWeighted(rng, NETWORKS),
    carrier: device.carrier,
    region: device.region,
    locale: device.locale,
    ...(attributes && { attributes }),
    ...spec.fields,
  };
  return { event, atMs: spec.atMs, clockOffsetMs: device.clockOffsetMs };
}

/**
 * Which phone sends an event of a code in normal traffic. The clock codes come from phones whose
 * clock is wrong: a phone years off fails every TLS handshake (50502, 104); any wrong clock
 * trips the servers' timestamp check (12003). A few 50502 are interception on public Wi-Fi.
 */
export function deviceForCode(population: Population, rng: Rng, code: number): Device {
  if (code === 104 || (code === 50502 && rng() < 0.85)) {
    return population.randomWrongClock(rng, 30 * DAY_MS);
  }
  if (code === 12003) return population.randomWrongClock(rng, HOUR_MS / 2);
  return population.randomDevice(rng);
}

/** The 50502 of normal traffic: wrong clocks show certificate dates, interception a trust error. */
export function normalFailure(code: number, device: Device, atMs: number): Failure | undefined {
  if (code === 50502 && device.clockOffsetMs !== 0) return certificateFailure(device, atMs);
  return undefined;
}
