/** Event rows for the ingest benchmark: a realistic mix of codes and dimensions, seeded. */
const CODES = [50503, 50408, 10201, 10202, 1006, 50504, 50502, 50505, 104, 12003, 1001, 11005];
const HOSTS = ["a1.smartlife.example", "a2.smartlife.example", "m1.smartlife.example"];
const REGIONS = ["cn-east", "cn-north", "cn-south", "ap-southeast", "eu-west", "us-east"];
const NETWORKS = ["wifi", "4g", "5g", "3g"];
const CARRIERS = ["China Mobile", "China Unicom", "China Telecom", "Vodafone"];
const VERSIONS = ["5.2.1", "5.2.0", "5.1.4", "5.0.9"];

export function benchEvent(n: number, now: number) {
  const r = (k: number) => (Math.imul(n + 1, 2654435761 + k) >>> 0) % 1000;
  return {
    code: CODES[Math.min(CODES.length - 1, Math.floor((r(1) / 1000) ** 2 * CODES.length))]!,
    timestamp: new Date(now - (r(2) % 600) * 1000).toISOString(),
    eventId: `bench-${now}-${n}`,
    host: HOSTS[r(3) % HOSTS.length],
    remoteIp: `203.0.113.${r(4) % 8}`,
    httpProtocol: r(5) % 3 ? "h2" : "http/1.1",
    exception: "javax.net.ssl.SSLHandshakeException",
    message:
      "java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.",
    app: "smartlife",
    appVersion: VERSIONS[r(6) % VERSIONS.length],
    sdkVersion: "3.12",
    platform: "android",
    osVersion: String(7 + (r(7) % 8)),
    apiLevel: 24 + (r(7) % 11),
    deviceModel: `Model-${r(8) % 40}`,
    deviceId: `device-${r(9) * 7}`,
    network: NETWORKS[r(10) % NETWORKS.length],
    carrier: CARRIERS[r(11) % CARRIERS.length],
    region: REGIONS[r(12) % REGIONS.length],
    locale: "zh-CN",
  };
}

export type BenchEvent = ReturnType<typeof benchEvent>;

/** Marks where the load generator writes a request's sequence number into a serialised body. */
export const SEQUENCE_PLACEHOLDER = "##########";
/** Templates the load generator cycles through (load.ts). */
export const TEMPLATES = 8;

export function eventIdOf(run: number, sequence: string, index: number, now: number): string {
  return `bench-${now}-${run}-${sequence}-${index}`;
}

/**
 * The first `count` events the load generator sent in a run, rebuilt here (for the COPY
 * baseline) instead of being shipped back from its process.
 */
export function sentEvents(run: number, count: number, batch: number, now: number): BenchEvent[] {
  const events: BenchEvent[] = [];
  for (let sequence = 0; events.length < count; sequence++) {
    const t = sequence % TEMPLATES;
    const digits = String(sequence).padStart(SEQUENCE_PLACEHOLDER.length, "0");
    for (let i = 0; i < batch && events.length < count; i++) {
      events.push({ ...benchEvent(t * batch + i, now), eventId: eventIdOf(run, digits, i, now) });
    }
  }
  return events;
}
