/**
 * Named incidents layered on top of normal traffic, and the composition of both into the events
 * of a minute. Each scenario is a pure function of time: from its start it adds events shaped
 * like the cause it stands for (the shared domain notes' table of 50502 causes), so that the
 * dashboards, the detector and the diagnosis can be checked against a known truth.
 *
 * Sizes are relative to normal traffic, so they hold at any --rate. 50502 scenarios are measured
 * against FLEET_FAILURE: the 50502 a minute would bring if every phone's TLS handshakes failed,
 * taken as 80× the normal 50502 background; a scenario that hits part of the fleet (one node,
 * one host, old Android, one carrier's mobile data) gets that part's share of it.
 */
import {
  buildEvent,
  CELLULAR,
  certificateFailure,
  createDevice,
  createPopulation,
  deviceForCode,
  HOSTS,
  marketOf,
  NETWORKS,
  normalFailure,
  SDK_VERSIONS,
  TRUST_ANCHOR,
  type Device,
  type GeneratedEvent,
  type HostSpec,
  type Population,
} from "./population";
import {
  createTrafficModel,
  MINUTE_MS,
  pickWeighted,
  rngFor,
  samplePoisson,
  unitHash,
  type Rng,
  type TrafficModel,
} from "./traffic-model";

export const SCENARIO_NAMES = [
  "cert-expiry",
  "lb-node",
  "old-android-ca",
  "clock-skew",
  "cloud-outage",
  "pairing-wave",
  "dns",
  "interception",
  "bad-chain",
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const isScenarioName = (name: string): name is ScenarioName =>
  (SCENARIO_NAMES as readonly string[]).includes(name);

export interface ScenarioSpec {
  name: ScenarioName;
  startMs: number;
  /** Defaults to the scenario's own typical length. */
  durationMs?: number;
  /** Multiplies the scenario's volume; 1 is the size described. */
  scale?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const FLEET_FAILURE = 80;

/** The host and node that `lb-node` breaks, and the carrier whose DNS `dns` breaks. */
export const LB_NODE = { host: HOSTS[0]!, ip: HOSTS[0]!.nodes[1]! };
export const DNS_CARRIER = "China Unicom";
export const NEW_APP_VERSION = "5.5.0";
/** The carrier whose mobile network intercepts TLS in `interception`. */
export const INTERCEPTION_CARRIER = "China Telecom";
/** The host `bad-chain` redeploys without its intermediate certificate (all its nodes). */
export const BAD_CHAIN_HOST = HOSTS[1]!;
/** Share of phones that fail on an incomplete chain: the rest cached the intermediate. */
export const BAD_CHAIN_UNCACHED = 0.6;

/** Share of requests made on mobile data (what a carrier's network carries). */
const CELLULAR_SHARE =
  NETWORKS.filter(([n]) => CELLULAR.includes(n)).reduce((s, [, w]) => s + w, 0) /
  NETWORKS.reduce((s, [, w]) => s + w, 0);

interface Context {
  model: TrafficModel;
  population: Population;
  seed: number;
  startMs: number;
  /** Phones this scenario draws from, prepared once. */
  devices: readonly Device[];
}

interface Definition {
  description: string;
  durationMs: number;
  /** Phones the scenario's events come from (default: the whole pool). */
  devices?(population: Population, seed: number): Device[];
  /** Expected events per minute at `atMs`. */
  expected(c: Context, atMs: number): number;
  /** One event; undefined when the phone picked is not affected (its events are dropped). */
  event(c: Context, rng: Rng, atMs: number, eventId: string): GeneratedEvent | undefined;
}

/** 0 → 1 over `rampMs` after the start: phones hit a failure as they open new connections. */
const ramp = (c: Context, atMs: number, rampMs: number) =>
  Math.min(1, Math.max(0, (atMs - c.startMs) / rampMs));

const randomOf = (rng: Rng, devices: readonly Device[]) =>
  devices[Math.floor(rng() * devices.length)] ?? devices[0]!;

/** Share of the fleet's requests that go to one node of a host (DNS spreads them evenly). */
function nodeShare(population: Population, host: HostSpec): number {
  const inMarket = population.devices.filter((d) => marketOf(d.region) === host.market).length;
  const hostWeight = HOSTS.filter((h) => h.market === host.market).reduce(
    (s, h) => s + h.weight,
    0,
  );
  return (
    (inMarket / population.devices.length) * (host.weight / hostWeight) * (1 / host.nodes.length)
  );
}

/** Share of the fleet's requests that go to one host (on all its nodes). */
function hostShare(population: Population, host: HostSpec): number {
  return nodeShare(population, host) * host.nodes.length;
}

/** How long `interception` takes to reach all of its carrier's phones. */
const INTERCEPTION_RAMP_MS = 20 * 60_000;
/** The middlebox's certificate, as phones that get a block page with a public one see it. */
const INTERCEPTOR_DN = "CN=gw.mobile-proxy.example";
const INTERCEPTOR_PIN = "sha256/Jm3pQm6fnXh5LCm1Sw0PRZzrVW6PaiLh7KcOTp0c5Vg=";
/** Which phones cached the intermediate `bad-chain` leaves out (random stream of the seed). */
const BAD_CHAIN_STREAM = 73;

/** Phones whose clock jumped in a clock-skew wave: after an update or a flat battery. */
function clockWave(population: Population, seed: number): Device[] {
  const count = Math.max(20, Math.round(population.devices.length * 0.005));
  return Array.from({ length: count }, (_, i) => {
    const rng = rngFor(seed, 71, i);
    const offset =
      rng() < 0.6
        ? -Date.UTC(2026, 0, 1) + Math.floor(rng() * DAY_MS) // back to 1970
        : Math.floor((330 + rng() * 70) * DAY_MS); // about a year ahead
    return createDevice(seed, 10_000_000 + i, offset);
  });
}

export const SCENARIOS: Record<ScenarioName, Definition> = {
  "cert-expiry": {
    description:
      "the servers' certificate expires: 50502 on every host, app version and Android level from one second, ~80× the background within 90 s; 'Certificate expired at <notAfter> (compared to <device time>)'; phones whose clock is behind keep working",
    durationMs: 45 * 60_000,
    devices: (population) => [...population.devices, ...population.wrongClock],
    expected: (c, at) => FLEET_FAILURE * ramp(c, at, 90_000) * c.model.expectedPerMinute(50502, at),
    event(c, rng, atMs, eventId) {
      const device = randomOf(rng, c.devices);
      // A phone checks validity against its own clock: one that runs behind sees no expiry yet.
      if (atMs + device.clockOffsetMs < c.startMs) return undefined;
      const certificate = { notBefore: c.startMs - 90 * DAY_MS, notAfter: c.startMs };
      return buildEvent(c.population, rng, {
        code: 50502,
        device,
        atMs,
        eventId,
        failure: certificateFailure(device, atMs, certificate),
      });
    },
  },
  "lb-node": {
    description: `one load-balancer node (${LB_NODE.ip} of ${LB_NODE.host.name}) serves a broken chain: 50502 only from that remote IP, from the phones pinned to it, about that node's share of the traffic; 'Trust anchor for certification path not found.'`,
    durationMs: 90 * 60_000,
    devices: (population) =>
      population.devices.filter(
        (d) =>
          marketOf(d.region) === LB_NODE.host.market &&
          population.remoteIp(d, LB_NODE.host) === LB_NODE.ip,
      ),
    expected: (c, at) =>
      FLEET_FAILURE *
      nodeShare(c.population, LB_NODE.host) *
      ramp(c, at, 60_000) *
      c.model.expectedPerMinute(50502, at),
    event: (c, rng, atMs, eventId) =>
      buildEvent(c.population, rng, {
        code: 50502,
        device: randomOf(rng, c.devices),
        atMs,
        eventId,
        host: LB_NODE.host,
        failure: TRUST_ANCHOR,
      }),
  },
  "old-android-ca": {
    description:
      "a re-issued certificate chains to a root that Android ≤ 7.0 (API ≤ 24) lacks: 50502 on every host, only from API ≤ 24; 'Trust anchor for certification path not found.'",
    durationMs: 4 * HOUR_MS,
    devices: (population) => population.devices.filter((d) => d.apiLevel <= 24),
    expected: (c, at) =>
      FLEET_FAILURE *
      (c.devices.length / c.population.devices.length) *
      ramp(c, at, 60_000) *
      c.model.expectedPerMinute(50502, at),
    event: (c, rng, atMs, eventId) =>
      buildEvent(c.population, rng, {
        code: 50502,
        device: randomOf(rng, c.devices),
        atMs,
        eventId,
        failure: TRUST_ANCHOR,
      }),
  },
  "clock-skew": {
    description:
      "a wave of phones whose clock jumped to 1970 or a year ahead: 50502, 104 and 12003 sent in batches whose sentAt is the wrong clock (large measured drift), rising over 10 minutes",
    durationMs: 2 * HOUR_MS,
    devices: clockWave,
    expected: (c, at) =>
      FLEET_FAILURE * 0.15 * ramp(c, at, 10 * 60_000) * c.model.expectedPerMinute(50502, at),
    event(c, rng, atMs, eventId) {
      const device = randomOf(rng, c.devices);
      const code = pickWeighted(rng, [
        [50502, 60],
        [104, 20],
        [12003, 20],
      ]);
      const failure = code === 12003 ? undefined : certificateFailure(device, atMs);
      return buildEvent(c.population, rng, { code, device, atMs, eventId, failure });
    },
  },
  "cloud-outage": {
    description:
      "the device cloud loses its connections: 10202 (device offline in the cloud) at 5× normal in every region, within 2 minutes",
    durationMs: 30 * 60_000,
    expected: (c, at) => 4 * ramp(c, at, 120_000) * c.model.expectedPerMinute(10202, at),
    event: (c, rng, atMs, eventId) =>
      buildEvent(c.population, rng, {
        code: 10202,
        device: randomOf(rng, c.devices),
        atMs,
        eventId,
      }),
  },
  "pairing-wave": {
    description: `app ${NEW_APP_VERSION} is released with an EZ-mode pairing bug: 1006 (pairing timeout) from ${NEW_APP_VERSION} only, rising over hours as phones update`,
    durationMs: 6 * HOUR_MS,
    // Updates spread over hours; eventually 80% of phones run the new version.
    expected: (c, at) =>
      8 *
      0.8 *
      (1 - Math.exp(-Math.max(0, at - c.startMs) / (90 * 60_000))) *
      c.model.expectedPerMinute(1006, at),
    event: (c, rng, atMs, eventId) =>
      buildEvent(c.population, rng, {
        code: 1006,
        device: randomOf(rng, c.devices),
        atMs,
        eventId,
        fields: {
          appVersion: NEW_APP_VERSION,
          sdkVersion: SDK_VERSIONS[NEW_APP_VERSION],
          attributes: { pairingMode: rng() < 0.85 ? "EZ" : "AP" },
        },
      }),
  },
  dns: {
    description: `${DNS_CARRIER}'s resolvers fail: 50504 'Unable to resolve host' at 4× normal, the extra all from ${DNS_CARRIER} phones on mobile data`,
    durationMs: 40 * 60_000,
    devices: (population) => population.devices.filter((d) => d.carrier === DNS_CARRIER),
    expected: (c, at) => 3 * ramp(c, at, 60_000) * c.model.expectedPerMinute(50504, at),
    event: (c, rng, atMs, eventId) =>
      buildEvent(c.population, rng, {
        code: 50504,
        device: randomOf(rng, c.devices),
        atMs,
        eventId,
        fields: { network: CELLULAR[Math.floor(rng() * CELLULAR.length)] },
      }),
  },
  interception: {
    description: `a middlebox on ${INTERCEPTION_CARRIER}'s mobile network presents its own certificate: 50502 'Trust anchor for certification path not found.' (and some 50515 'Hostname … not verified') only from ${INTERCEPTION_CARRIER} phones on mobile data, on every host they use, every app version and Android level; rising over 20 minutes as its users' connections go through it, not at one instant, to about 4× the 50502 background`,
    durationMs: 2 * HOUR_MS,
    // The carrier's phones in the order they meet the middlebox (the pool's order is random).
    devices: (population) => population.devices.filter((d) => d.carrier === INTERCEPTION_CARRIER),
    expected: (c, at) =>
      FLEET_FAILURE *
      (c.devices.length / c.population.devices.length) *
      CELLULAR_SHARE *
      ramp(c, at, INTERCEPTION_RAMP_MS) *
      c.model.expectedPerMinute(50502, at),
    event(c, rng, atMs, eventId) {
      // Only the phones already behind the middlebox fail, and keep failing.
      const reached = Math.ceil(ramp(c, atMs, INTERCEPTION_RAMP_MS) * c.devices.length);
      const device = c.devices[Math.floor(rng() * reached)] ?? c.devices[0]!;
      const network = CELLULAR[Math.floor(rng() * CELLULAR.length)];
      // Mostly a chain to the middlebox's own CA, which no phone trusts; sometimes a block page
      // with a public certificate for the middlebox's name: the hostname check fails instead.
      if (rng() < 0.8) {
        return buildEvent(c.population, rng, {
          code: 50502,
          device,
          atMs,
          eventId,
          failure: TRUST_ANCHOR,
          fields: { network },
        });
      }
      const host = c.population.pickHost(rng, device);
      return buildEvent(c.population, rng, {
        code: 50515,
        device,
        atMs,
        eventId,
        host,
        failure: {
          exception: "javax.net.ssl.SSLPeerUnverifiedException",
          message: `Hostname ${host.name} not verified:\n    certificate: ${INTERCEPTOR_PIN}\n    DN: ${INTERCEPTOR_DN}\n    subjectAltNames: [gw.mobile-proxy.example]`,
        },
        fields: { network },
      });
    },
  },
  "bad-chain": {
    description: `${BAD_CHAIN_HOST.name} is redeployed without its intermediate certificate: 50502 'Trust anchor for certification path not found.' from that host only, on all its nodes, every app version and Android level, within 90 s of the deploy, about 15× the 50502 background; patchy: about ${Math.round(BAD_CHAIN_UNCACHED * 100)}% of its phones fail, the others cached the intermediate`,
    durationMs: 2 * HOUR_MS,
    devices: (population, seed) =>
      population.devices.filter(
        (d) =>
          marketOf(d.region) === BAD_CHAIN_HOST.market &&
          unitHash(seed, BAD_CHAIN_STREAM, d.index) < BAD_CHAIN_UNCACHED,
      ),
    expected: (c, at) =>
      FLEET_FAILURE *
      hostShare(c.population, BAD_CHAIN_HOST) *
      BAD_CHAIN_UNCACHED *
      ramp(c, at, 90_000) *
      c.model.expectedPerMinute(50502, at),
    event: (c, rng, atMs, eventId) =>
      buildEvent(c.population, rng, {
        code: 50502,
        device: randomOf(rng, c.devices),
        atMs,
        eventId,
        host: BAD_CHAIN_HOST,
        failure: TRUST_ANCHOR,
      }),
  },
};

export interface ActiveScenario {
  name: ScenarioName;
  startMs: number;
  endMs: number;
  scale: number;
}

// ---------------------------------------------------------------------------------------------
// Composition.

export interface TrafficOptions {
  seed: number;
  /** Normal events per second, averaged over a week. */
  rate: number;
  utcOffsetHours?: number;
  populationSize?: number;
  scenarios?: ScenarioSpec[];
}

export interface Traffic {
  readonly model: TrafficModel;
  readonly population: Population;
  readonly scenarios: readonly ActiveScenario[];
  /** Every event that happened in the minute starting at `minuteStartMs`, by real time. */
  eventsForMinute(minuteStartMs: number): GeneratedEvent[];
}

const NORMAL_EVENTS_STREAM = 5;
const SCENARIO_STREAM = 100;

export function createTraffic(options: TrafficOptions): Traffic {
  const { seed } = options;
  const model = createTrafficModel(options);
  const population = createPopulation({ seed, size: options.populationSize });
  const scenarios = (options.scenarios ?? []).map((spec, index) => {
    const definition = SCENARIOS[spec.name];
    const active: ActiveScenario = {
      name: spec.name,
      startMs: spec.startMs,
      endMs: spec.startMs + (spec.durationMs ?? definition.durationMs),
      scale: spec.scale ?? 1,
    };
    const context: Context = {
      model,
      population,
      seed,
      startMs: spec.startMs,
      devices: definition.devices?.(population, seed) ?? population.devices,
    };
    return { index, active, definition, context };
  });
  // Event ids are a function of (seed, minute, source, n): a re-run of the same seed sends the
  // same ids, so the server counts it as duplicates instead of doubling the data.
  const idPrefix = `sim${seed}`;

  function normalEvents(minuteStartMs: number, minute: string): GeneratedEvent[] {
    const events: GeneratedEvent[] = [];
    for (const { code, count } of model.countsForMinute(minuteStartMs)) {
      const rng = rngFor(seed, NORMAL_EVENTS_STREAM, minuteStartMs / MINUTE_MS, code);
      for (let n = 0; n < count; n++) {
        const atMs = minuteStartMs + Math.floor(rng() * MINUTE_MS);
        const device = deviceForCode(population, rng, code);
        events.push(
          buildEvent(population, rng, {
            code,
            device,
            atMs,
            eventId: `${idPrefix}-${minute}-${code}-${n}`,
            failure: normalFailure(code, device, atMs),
          }),
        );
      }
    }
    return events;
  }

  function scenarioEvents(
    minuteStartMs: number,
    minute: string,
    s: (typeof scenarios)[number],
  ): GeneratedEvent[] {
    const from = Math.max(minuteStartMs, s.active.startMs);
    const to = Math.min(minuteStartMs + MINUTE_MS, s.active.endMs);
    if (from >= to) return [];
    const rng = rngFor(seed, SCENARIO_STREAM + s.index, minuteStartMs / MINUTE_MS);
    const middle = (from + to) / 2;
    const expected =
      s.definition.expected(s.context, middle) * ((to - from) / MINUTE_MS) * s.active.scale;
    const count = samplePoisson(rng, expected);
    const events: GeneratedEvent[] = [];
    for (let n = 0; n < count; n++) {
      const atMs = from + Math.floor(rng() * (to - from));
      const eventId = `${idPrefix}-${minute}-${s.active.name}${s.index}-${n}`;
      const event = s.definition.event(s.context, rng, atMs, eventId);
      if (event) events.push(event);
    }
    return events;
  }

  return {
    model,
    population,
    scenarios: scenarios.map((s) => s.active),
    eventsForMinute(minuteStartMs) {
      const start = Math.floor(minuteStartMs / MINUTE_MS) * MINUTE_MS;
      const minute = (start / MINUTE_MS).toString(36);
      const events = normalEvents(start, minute);
      for (const s of scenarios) events.push(...scenarioEvents(start, minute, s));
      return events.sort((a, b) => a.atMs - b.atMs);
    },
  };
}

/** The past incidents a backfill adds, oldest first: each so many days back, at a local time. */
const PAST_INCIDENTS: { name: ScenarioName; daysBack: number; localMs: number }[] = [
  // A release goes out on a weekday morning; phones update over the following hours.
  { name: "pairing-wave", daysBack: 10, localMs: 9 * HOUR_MS },
  // A node is swapped in during the morning's maintenance window with the wrong chain.
  { name: "lb-node", daysBack: 6, localMs: 10 * HOUR_MS + 20 * 60_000 },
  // 14:01:15, the second a certificate's notAfter says, like Let's Encrypt's root did in 2021.
  { name: "cert-expiry", daysBack: 3, localMs: 14 * HOUR_MS + 75_000 },
];

/** `localMs` past local midnight (UTC+`utcOffsetHours`) of the day `backMs` before `toMs`. */
function localTimeOfDay(toMs: number, backMs: number, utcOffsetHours: number, localMs: number) {
  const day = toMs - backMs + utcOffsetHours * HOUR_MS;
  return Math.floor(day / DAY_MS) * DAY_MS - utcOffsetHours * HOUR_MS + localMs;
}

/**
 * Where a backfill puts its past 50502 certificate expiry: a few days back (at most 3, at most
 * halfway into the window), at 14:01:15 fleet time, and over before `toMs`.
 */
export function pastIncidentStart(fromMs: number, toMs: number, utcOffsetHours: number): number {
  const certExpiry = PAST_INCIDENTS.find((p) => p.name === "cert-expiry")!;
  const back = Math.min(certExpiry.daysBack * DAY_MS, (toMs - fromMs) / 2);
  const start = localTimeOfDay(toMs, back, utcOffsetHours, certExpiry.localMs);
  const latest = toMs - SCENARIOS["cert-expiry"].durationMs;
  return Math.max(fromMs, Math.min(start, latest));
}

/**
 * The past incidents of a backfill from `fromMs` to `toMs` (UTC ms): the certificate expiry
 * always (pastIncidentStart), and a pairing wave after a release (10 days back) and a broken
 * load-balancer node (6 days back) when the window holds them with a day of ordinary traffic
 * before, for the detector's baseline. Fleet-local times, `utcOffsetHours` from UTC; `scale`
 * multiplies their volume (a slow demo fleet needs it for its incidents to stand out).
 */
export function pastIncidents(
  fromMs: number,
  toMs: number,
  utcOffsetHours: number,
  scale = 1,
): ScenarioSpec[] {
  return PAST_INCIDENTS.flatMap(({ name, daysBack, localMs }): ScenarioSpec[] => {
    if (name === "cert-expiry") {
      return [{ name, startMs: pastIncidentStart(fromMs, toMs, utcOffsetHours), scale }];
    }
    const startMs = localTimeOfDay(toMs, daysBack * DAY_MS, utcOffsetHours, localMs);
    const fits = startMs - DAY_MS >= fromMs && startMs + SCENARIOS[name].durationMs <= toMs;
    return fits ? [{ name, startMs, scale }] : [];
  });
}
