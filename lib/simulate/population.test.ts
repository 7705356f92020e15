import { describe, expect, it } from "vitest";

import { eventSchema } from "../ingest/event-schema";
import {
  buildEvent,
  certificateFailure,
  createDevice,
  createPopulation,
  HOSTS,
  javaDate,
  OS_VERSIONS,
} from "./population";
import { CODE_PROFILES, mulberry32 } from "./traffic-model";

const population = createPopulation({ seed: 7, size: 5000 });
const AT = Date.UTC(2026, 10, 26, 6, 1, 15);
const DAY = 86_400_000;

function eventOf(code: number, seed = 1) {
  const rng = mulberry32(seed);
  return buildEvent(population, rng, {
    code,
    device: population.randomDevice(rng),
    atMs: AT,
    eventId: `test-${code}-${seed}`,
  }).event;
}

describe("the simulated fleet", () => {
  it("is the same pool of phones for the same seed", () => {
    expect(createPopulation({ seed: 7, size: 5000 }).devices).toEqual(population.devices);
    expect(createPopulation({ seed: 8, size: 5000 }).devices).not.toEqual(population.devices);
    expect(new Set(population.devices.map((d) => d.deviceId)).size).toBe(5000);
  });

  it("gives each phone an Android version that matches its API level, some of them old", () => {
    for (const device of population.devices) {
      expect(device.apiLevel).toBeGreaterThanOrEqual(21);
      expect(device.apiLevel).toBeLessThanOrEqual(35);
      expect(device.osVersion).toBe(OS_VERSIONS[device.apiLevel]);
    }
    const old = population.devices.filter((d) => d.apiLevel <= 24).length / 5000;
    expect(old).toBeGreaterThan(0.05);
    expect(old).toBeLessThan(0.2);
  });

  it("runs several app versions, the newest most common", () => {
    const counts = new Map<string, number>();
    for (const d of population.devices)
      counts.set(d.appVersion, (counts.get(d.appVersion) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
    expect(ranked[0]).toBe("5.4.0");
    expect(ranked.length).toBeGreaterThanOrEqual(4);
  });

  it("keeps a phone on one load-balancer node per host, in the documentation address ranges", () => {
    for (const host of HOSTS) {
      expect(host.nodes.length).toBeGreaterThanOrEqual(2);
      expect(host.nodes.length).toBeLessThanOrEqual(4);
      for (const ip of host.nodes) expect(ip).toMatch(/^(203\.0\.113|198\.51\.100)\.\d+$/);
    }
    const rng = mulberry32(3);
    const seen = new Map<string, string>();
    for (let i = 0; i < 2000; i++) {
      const event = buildEvent(population, rng, {
        code: 50503,
        device: population.devices[i % 50]!,
        atMs: AT,
        eventId: `x${i}`,
      }).event;
      const key = `${event.deviceId}|${event.host}`;
      expect(seen.get(key) ?? event.remoteIp).toBe(event.remoteIp);
      seen.set(key, event.remoteIp!);
    }
    const a1 = HOSTS[0]!;
    const nodes = new Set(population.devices.map((d) => population.remoteIp(d, a1)));
    expect(nodes).toEqual(new Set(a1.nodes));
  });

  it("builds events the ingest schema accepts, for every code", () => {
    for (const { code } of CODE_PROFILES) {
      for (const seed of [1, 2, 3]) {
        const result = eventSchema.safeParse(eventOf(code, seed));
        expect(result.success, `${code}: ${result.error?.message}`).toBe(true);
      }
    }
  });

  it("shapes network failures like Android and OkHttp report them", () => {
    const dns = eventOf(50504);
    expect(dns.exception).toBe("java.net.UnknownHostException");
    expect(dns.message).toBe(
      `Unable to resolve host "${dns.host}": No address associated with hostname`,
    );
    expect(dns.remoteIp).toBeUndefined();
    const connect = eventOf(50505);
    expect(connect.message).toBe(`Failed to connect to ${connect.host}/${connect.remoteIp}:443`);
    for (let seed = 1; seed < 20; seed++) {
      expect(eventOf(50503, seed)).toMatchObject({
        message: "Read timed out",
        httpProtocol: "http/1.1",
      });
      expect(eventOf(50408, seed)).toMatchObject({ message: "timeout", httpProtocol: "h2" });
    }
    expect(eventOf(50501).network).toBe("none");
    expect(eventOf(1006).attributes).toHaveProperty("pairingMode");
  });

  it("has a phone with a wrong clock compare certificates with its own time", () => {
    const certificate = { notBefore: AT - 30 * DAY, notAfter: AT + 60 * DAY };
    const ahead = createDevice(7, 1, 2 * 365 * DAY);
    const behind = createDevice(7, 2, -Date.UTC(2026, 0, 1));
    expect(certificateFailure(ahead, AT, certificate).message).toMatch(
      /^Certificate expired at \w{3} \w{3} \d\d [\d:]{8} GMT[+-]\d\d:00 2027 \(compared to .* 2028\)$/,
    );
    expect(certificateFailure(behind, AT, certificate).message).toMatch(
      /^Certificate not valid until .* 2026 \(compared to .* 1970\)$/,
    );
    const wrong = population.wrongClock;
    expect(wrong.length).toBeGreaterThan(0);
    expect(wrong.every((d) => d.clockOffsetMs !== 0)).toBe(true);
    expect(population.devices.every((d) => d.clockOffsetMs === 0)).toBe(true);
  });

  it("prints dates as java.util.Date does", () => {
    expect(javaDate(Date.UTC(2021, 8, 30, 14, 1, 15), 8)).toBe(
      "Thu Sep 30 22:01:15 GMT+08:00 2021",
    );
    expect(javaDate(Date.UTC(2021, 8, 30, 14, 1, 15), 0)).toBe("Thu Sep 30 14:01:15 GMT 2021");
    expect(javaDate(Date.UTC(2021, 8, 30, 4, 1, 15), -5)).toBe(
      "Wed Sep 29 23:01:15 GMT-05:00 2021",
    );
  });
});
