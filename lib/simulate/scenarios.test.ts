import { describe, expect, it } from "vitest";

import { eventSchema } from "../ingest/event-schema";
import { CELLULAR, HOSTS, javaDate, type GeneratedEvent } from "./population";
import {
  BAD_CHAIN_HOST,
  BAD_CHAIN_UNCACHED,
  createTraffic,
  DNS_CARRIER,
  INTERCEPTION_CARRIER,
  LB_NODE,
  NEW_APP_VERSION,
  pastIncidentStart,
  pastIncidents,
  SCENARIO_NAMES,
  type ScenarioName,
} from "./scenarios";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Thursday 2026-11-26 14:01:15 in UTC+8: an evening-ish afternoon, mid-week. */
const START = Date.UTC(2026, 10, 26, 6, 1, 15);

function run(name: ScenarioName, options: { before?: number; after?: number; rate?: number } = {}) {
  const traffic = createTraffic({
    seed: 11,
    rate: options.rate ?? 5,
    populationSize: 8000,
    scenarios: [{ name, startMs: START }],
  });
  const events: GeneratedEvent[] = [];
  const from = START - (options.before ?? 30 * MINUTE);
  const to = START + (options.after ?? 40 * MINUTE);
  for (let m = Math.floor(from / MINUTE) * MINUTE; m < to; m += MINUTE) {
    events.push(...traffic.eventsForMinute(m));
  }
  const own = events.filter((e) => e.event.eventId!.includes(`-${name}0-`));
  return { traffic, events, own };
}

const perMinute = (events: GeneratedEvent[], code: number, from: number, to: number) =>
  events.filter((e) => e.event.code === code && e.atMs >= from && e.atMs < to).length /
  ((to - from) / MINUTE);

const distinct = <T>(values: T[]) => new Set(values);

describe("scenarios", () => {
  it("are deterministic for a seed, sorted by time, with unique eventIds", () => {
    const a = run("cert-expiry").events;
    expect(run("cert-expiry").events).toEqual(a);
    expect(a.map((e) => e.atMs)).toEqual([...a.map((e) => e.atMs)].sort((x, y) => x - y));
    expect(distinct(a.map((e) => e.event.eventId)).size).toBe(a.length);
  });

  it.each(SCENARIO_NAMES)(
    "%s sends events the ingest schema accepts, none before its start",
    (name) => {
      const { own } = run(name);
      expect(own.length).toBeGreaterThan(20);
      for (const { event, atMs } of own) {
        expect(atMs).toBeGreaterThanOrEqual(START);
        expect(eventSchema.safeParse(event).success).toBe(true);
      }
    },
  );

  it("cert-expiry: 50502 jumps ≥ 30× within two minutes, on every host and app version", () => {
    const { events, own } = run("cert-expiry");
    const before = perMinute(events, 50502, START - 30 * MINUTE, START);
    const after = perMinute(events, 50502, START + 2 * MINUTE, START + 40 * MINUTE);
    expect(after).toBeGreaterThanOrEqual(30 * Math.max(before, 0.5));
    expect(after).toBeLessThanOrEqual(100 * Math.max(before, 1));
    expect(distinct(own.map((e) => e.event.host))).toEqual(distinct(HOSTS.map((h) => h.name)));
    expect(distinct(own.map((e) => e.event.appVersion)).size).toBeGreaterThanOrEqual(5);
    const notAfter = javaDate(START, 8);
    const expired = own.filter((e) =>
      e.event.message!.startsWith(`Certificate expired at ${notAfter} (compared to `),
    );
    expect(expired.length / own.length).toBeGreaterThan(0.7); // phones in UTC+8; others print their zone
    for (const e of own)
      expect(e.event.message).toMatch(/^Certificate expired at .* \(compared to .*\)$/);
  });

  it("cert-expiry spares phones whose clock runs behind the expiry", () => {
    const { own } = run("cert-expiry", { after: 3 * HOUR, rate: 20 });
    // By its own clock, every failing phone is past notAfter.
    for (const { event } of own) expect(event.timestamp as number).toBeGreaterThanOrEqual(START);
    expect(own.some((e) => e.clockOffsetMs > 0)).toBe(true);
  });

  it("lb-node: 50502 from one remote IP of one host, sticky per phone, about that node's share", () => {
    const { own, traffic } = run("lb-node");
    expect(distinct(own.map((e) => e.event.remoteIp))).toEqual(new Set([LB_NODE.ip]));
    expect(distinct(own.map((e) => e.event.host))).toEqual(new Set([LB_NODE.host.name]));
    const byId = new Map(traffic.population.devices.map((d) => [d.deviceId, d]));
    for (const { event } of own) {
      expect(traffic.population.remoteIp(byId.get(event.deviceId!)!, LB_NODE.host)).toBe(
        LB_NODE.ip,
      );
    }
    const certExpiry = run("cert-expiry").own.length;
    expect(own.length / certExpiry).toBeGreaterThan(0.08);
    expect(own.length / certExpiry).toBeLessThan(0.25);
    expect(distinct(own.map((e) => e.event.apiLevel)).size).toBeGreaterThan(8);
  });

  it("old-android-ca: 50502 mostly from API ≤ 24, 'Trust anchor' on every host of the fleet", () => {
    const { events, own } = run("old-android-ca");
    for (const { event } of own) {
      expect(event.apiLevel).toBeLessThanOrEqual(24);
      expect(event.message).toContain("Trust anchor for certification path not found.");
    }
    const after = events.filter((e) => e.event.code === 50502 && e.atMs >= START);
    expect(after.filter((e) => e.event.apiLevel! <= 24).length / after.length).toBeGreaterThan(
      0.75,
    );
    expect(distinct(own.map((e) => e.event.host)).size).toBe(HOSTS.length);
  });

  it("clock-skew: 50502, 104 and 12003 from phones whose clocks are far off", () => {
    const { own } = run("clock-skew", { after: 60 * MINUTE, rate: 10 });
    expect(distinct(own.map((e) => e.event.code))).toEqual(new Set([50502, 104, 12003]));
    for (const { event, atMs, clockOffsetMs } of own) {
      expect(Math.abs(clockOffsetMs)).toBeGreaterThan(300 * DAY);
      expect(event.timestamp).toBe(atMs + clockOffsetMs);
    }
    const early = own.filter((e) => e.atMs < START + 5 * MINUTE).length;
    const late = own.filter(
      (e) => e.atMs >= START + 30 * MINUTE && e.atMs < START + 35 * MINUTE,
    ).length;
    expect(late).toBeGreaterThan(early);
  });

  it("cloud-outage: 10202 at several times normal, in every region", () => {
    const { events, own } = run("cloud-outage");
    expect(distinct(own.map((e) => e.event.code))).toEqual(new Set([10202]));
    expect(distinct(own.map((e) => e.event.region)).size).toBe(6);
    const before = perMinute(events, 10202, START - 30 * MINUTE, START);
    const after = perMinute(events, 10202, START + 3 * MINUTE, START + 40 * MINUTE);
    expect(after).toBeGreaterThan(3 * before);
  });

  it("pairing-wave: 1006 from the new app version only, rising as phones update", () => {
    const { own } = run("pairing-wave", { after: 3 * HOUR });
    for (const { event } of own) {
      expect(event).toMatchObject({ code: 1006, appVersion: NEW_APP_VERSION, sdkVersion: "5.9.0" });
    }
    const firstHour = own.filter((e) => e.atMs < START + HOUR).length;
    const thirdHour = own.filter((e) => e.atMs >= START + 2 * HOUR).length;
    expect(thirdHour).toBeGreaterThan(1.5 * firstHour);
  });

  it("dns: 50504 from one carrier's phones on mobile data", () => {
    const { events, own } = run("dns");
    for (const { event } of own) {
      expect(event).toMatchObject({ code: 50504, carrier: DNS_CARRIER });
      expect(CELLULAR).toContain(event.network);
      expect(event.message).toBe(
        `Unable to resolve host "${event.host}": No address associated with hostname`,
      );
    }
    const after = events.filter((e) => e.event.code === 50504 && e.atMs >= START + 2 * MINUTE);
    expect(
      after.filter((e) => e.event.carrier === DNS_CARRIER).length / after.length,
    ).toBeGreaterThan(0.7);
  });

  it("interception: 50502 and some 50515 from one carrier's mobile data, every host, rising", () => {
    const { events, own, traffic } = run("interception", { after: 40 * MINUTE, rate: 10 });
    expect(distinct(own.map((e) => e.event.code))).toEqual(new Set([50502, 50515]));
    for (const { event } of own) {
      expect(event.carrier).toBe(INTERCEPTION_CARRIER);
      expect(CELLULAR).toContain(event.network);
      expect(event.message).toMatch(
        event.code === 50502
          ? /Trust anchor for certification path not found\.$/
          : new RegExp(`^Hostname ${event.host!.replace(/\./g, "\\.")} not verified:`),
      );
    }
    const fail = own.filter((e) => e.event.code === 50502);
    expect(fail.length / own.length).toBeGreaterThan(0.7);
    // Every host of the carrier's market, every app version, a wide range of Android levels.
    const market = HOSTS.filter((h) => h.market === "cn").map((h) => h.name);
    expect(distinct(fail.map((e) => e.event.host))).toEqual(distinct(market));
    expect(distinct(fail.map((e) => e.event.appVersion)).size).toBeGreaterThanOrEqual(5);
    expect(distinct(fail.map((e) => e.event.apiLevel)).size).toBeGreaterThan(8);
    // Not one instant: the first five minutes carry far less than minutes 20-25.
    const first = own.filter((e) => e.atMs < START + 5 * MINUTE).length;
    const later = own.filter(
      (e) => e.atMs >= START + 20 * MINUTE && e.atMs < START + 25 * MINUTE,
    ).length;
    expect(later).toBeGreaterThan(3 * first);
    // Phones once behind the middlebox keep failing: the devices of minute 10 fail later too.
    const early = distinct(
      own.filter((e) => e.atMs < START + 10 * MINUTE).map((e) => e.event.deviceId),
    );
    const pool = traffic.population.devices.filter((d) => d.carrier === INTERCEPTION_CARRIER);
    expect(early.size).toBeLessThan(0.6 * pool.length);
    // The carrier's 50502 is most of the code after 20 minutes.
    const after = events.filter((e) => e.event.code === 50502 && e.atMs >= START + 20 * MINUTE);
    expect(
      after.filter((e) => e.event.carrier === INTERCEPTION_CARRIER).length / after.length,
    ).toBeGreaterThan(0.6);
  });

  it("bad-chain: 50502 from one host on all its nodes, every version, a step at the deploy", () => {
    const { events, own, traffic } = run("bad-chain");
    expect(distinct(own.map((e) => e.event.code))).toEqual(new Set([50502]));
    expect(distinct(own.map((e) => e.event.host))).toEqual(new Set([BAD_CHAIN_HOST.name]));
    expect(distinct(own.map((e) => e.event.remoteIp))).toEqual(new Set(BAD_CHAIN_HOST.nodes));
    for (const { event } of own) {
      expect(event.message).toContain("Trust anchor for certification path not found.");
    }
    expect(distinct(own.map((e) => e.event.appVersion)).size).toBeGreaterThanOrEqual(5);
    expect(distinct(own.map((e) => e.event.apiLevel)).size).toBeGreaterThan(8);
    // Patchy: only the phones that did not cache the intermediate, each sticky.
    const failing = distinct(own.map((e) => e.event.deviceId));
    const market = traffic.population.devices.filter((d) => d.region.startsWith("cn-"));
    const share = market.filter((d) => failing.has(d.deviceId)).length / market.length;
    expect(share).toBeLessThan(BAD_CHAIN_UNCACHED);
    const before = perMinute(events, 50502, START - 30 * MINUTE, START);
    const after = perMinute(events, 50502, START + 2 * MINUTE, START + 40 * MINUTE);
    expect(after).toBeGreaterThan(8 * Math.max(before, 0.5));
    expect(perMinute(own, 50502, START + MINUTE, START + 2 * MINUTE)).toBeGreaterThan(0.5 * after);
  });

  it("puts a backfill's past incident a few days back, at 14:01:15 fleet time", () => {
    const now = Date.UTC(2026, 10, 26, 10, 0, 0);
    const start = pastIncidentStart(now - 14 * DAY, now, 8);
    expect(new Date(start).toISOString()).toBe("2026-11-23T06:01:15.000Z");
    const short = pastIncidentStart(now - DAY, now, 8);
    expect(short).toBeGreaterThanOrEqual(now - DAY);
    expect(short).toBeLessThanOrEqual(now - 45 * MINUTE);
  });

  it("puts a pairing wave and a load-balancer node into a two-week history, only the expiry into a short one", () => {
    const now = Date.UTC(2026, 11, 1, 10, 0, 0);
    const twoWeeks = pastIncidents(now - 14 * DAY, now, 8, 5);
    expect(twoWeeks.map((s) => [s.name, new Date(s.startMs).toISOString(), s.scale])).toEqual([
      ["pairing-wave", "2026-11-21T01:00:00.000Z", 5],
      ["lb-node", "2026-11-25T02:20:00.000Z", 5],
      ["cert-expiry", "2026-11-28T06:01:15.000Z", 5],
    ]);
    expect(pastIncidents(now - 2 * DAY, now, 8).map((s) => s.name)).toEqual(["cert-expiry"]);
  });
});
