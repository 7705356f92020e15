/**
 * Each simulator scenario (a known cause, played as events) must yield that cause as the top
 * hypothesis, from a surge window of 15 minutes (its first, or two hours in for a wave that
 * rises over hours) against the 3 hours before it began, with the code's normal traffic mixed
 * in as it is in the field, and the code's per-minute counts from 15 minutes before the window
 * for the onset.
 */
import { describe, expect, it } from "vitest";

import type { GeneratedEvent } from "../simulate/population";
import {
  BAD_CHAIN_HOST,
  createTraffic,
  INTERCEPTION_CARRIER,
  SCENARIO_NAMES,
  type ScenarioName,
} from "../simulate/scenarios";
import {
  buildEvidence,
  diagnose,
  type DiagnosticEvent,
  type HypothesisId,
  type OnsetShape,
} from "./index";

const MINUTE = 60_000;
/** Thursday 2026-11-26 14:01:15 in UTC+8. */
const START = Date.UTC(2026, 10, 26, 6, 1, 15);
const SURGE_MINUTES = 15;
const BASELINE_MINUTES = 3 * 60;
/** Minutes of counts before the surge window, for the onset. */
const LEAD_MINUTES = 15;

/** What the server stores of a simulated event: the batch's drift is the phone's clock offset. */
function asStored({ event, clockOffsetMs }: GeneratedEvent): DiagnosticEvent {
  return {
    clockDriftMs: clockOffsetMs,
    host: event.host ?? null,
    remoteIp: event.remoteIp ?? null,
    exception: event.exception ?? null,
    message: event.message ?? null,
    cause: event.cause ?? null,
    appVersion: event.appVersion ?? null,
    osVersion: event.osVersion ?? null,
    apiLevel: event.apiLevel ?? null,
    network: event.network ?? null,
    carrier: event.carrier ?? null,
    region: event.region ?? null,
    deviceHash: event.deviceId ?? null,
  };
}

function diagnoseScenario(
  name: ScenarioName,
  code: number,
  seed = 11,
  afterMinutes = 0,
  surgeMinutes = SURGE_MINUTES,
) {
  const traffic = createTraffic({
    seed,
    rate: 10,
    populationSize: 10_000,
    scenarios: [{ name, startMs: START }],
  });
  const ofCode = (m: number) => traffic.eventsForMinute(m).filter((e) => e.event.code === code);
  const window = (from: number, minutes: number) => {
    const events: DiagnosticEvent[] = [];
    for (let m = Math.floor(from / MINUTE) * MINUTE; m < from + minutes * MINUTE; m += MINUTE) {
      for (const e of ofCode(m)) events.push(asStored(e));
    }
    return { events, minutes };
  };
  const surgeFrom = START + afterMinutes * MINUTE;
  const seriesFrom = Math.floor(surgeFrom / MINUTE) * MINUTE - LEAD_MINUTES * MINUTE;
  const counts: number[] = [];
  for (let m = seriesFrom; m < surgeFrom + surgeMinutes * MINUTE; m += MINUTE) {
    counts.push(ofCode(m).length);
  }
  const evidence = buildEvidence(
    code,
    window(surgeFrom, surgeMinutes),
    window(START - BASELINE_MINUTES * MINUTE, BASELINE_MINUTES),
    { startMs: seriesFrom, counts },
  );
  return { evidence, hypotheses: diagnose(evidence) };
}

/** Scenario, code, cause, and when its surge window starts (a pairing wave rises over hours). */
const CASES: Array<[ScenarioName, number, HypothesisId, number?]> = [
  ["cert-expiry", 50502, "certificate-expired"],
  ["lb-node", 50502, "load-balancer-node"],
  ["old-android-ca", 50502, "missing-root-ca"],
  ["clock-skew", 50502, "wrong-phone-clocks"],
  ["dns", 50504, "carrier-dns"],
  ["cloud-outage", 10202, "device-cloud-outage"],
  ["pairing-wave", 1006, "app-release", 120],
  ["interception", 50502, "interception"],
  // The block page's certificate: "Hostname … not verified", from the same carrier.
  ["interception", 50515, "interception"],
  ["bad-chain", 50502, "bad-intermediate-chain"],
];

/**
 * The onset each scenario's window shows (null: not in view, the pairing wave two hours in),
 * and the window's start and length when not its first 15 minutes: interception at ~4× the
 * background rises too faintly in 15 minutes to call, clearly in 30.
 */
const ONSETS: Array<[ScenarioName, number, OnsetShape | null, number?, number?]> = [
  ["cert-expiry", 50502, "step"],
  ["lb-node", 50502, "step"],
  ["old-android-ca", 50502, "step"],
  ["bad-chain", 50502, "step"],
  ["dns", 50504, "step"],
  ["cloud-outage", 10202, "step"],
  ["clock-skew", 50502, "ramp"],
  ["pairing-wave", 1006, null, 120],
  ["interception", 50502, "ramp", 0, 30],
];

describe("the diagnosis of each simulated cause", () => {
  it("covers every scenario the simulator plays", () => {
    expect(new Set(CASES.map(([scenario]) => scenario))).toEqual(new Set(SCENARIO_NAMES));
  });

  it.each(CASES)("%s (%i) → %s", (scenario, code, cause, afterMinutes) => {
    const { evidence, hypotheses } = diagnoseScenario(scenario, code, 11, afterMinutes);
    expect(evidence.surge.events).toBeGreaterThan(evidence.surge.expected);
    expect(hypotheses[0]?.id, JSON.stringify(hypotheses.map((h) => [h.id, h.score]))).toBe(cause);
    expect(hypotheses[0]!.evidence.length).toBeGreaterThan(0);
  });

  it.each([11, 12, 13, 14])("interception (seed %i): the carrier is the evidence", (seed) => {
    const { hypotheses } = diagnoseScenario("interception", 50502, seed);
    expect(hypotheses[0]?.id, JSON.stringify(hypotheses.map((h) => [h.id, h.score]))).toBe(
      "interception",
    );
    expect(hypotheses[0]!.evidence[0]).toMatchObject({
      what: "carrier",
      value: INTERCEPTION_CARRIER,
    });
    expect(hypotheses[0]!.evidence[0]!.excessShare).toBeGreaterThan(0.7);
  });

  it.each([11, 12, 13, 14])(
    "bad-chain (seed %i): the host is the evidence, on all its nodes",
    (seed) => {
      const { evidence, hypotheses } = diagnoseScenario("bad-chain", 50502, seed);
      expect(hypotheses[0]?.id, JSON.stringify(hypotheses.map((h) => [h.id, h.score]))).toBe(
        "bad-intermediate-chain",
      );
      expect(hypotheses[0]!.evidence[0]).toMatchObject({
        what: "host",
        value: BAD_CHAIN_HOST.name,
      });
      expect(hypotheses[0]!.evidence[0]!.excessShare).toBeGreaterThan(0.9);
      expect(hypotheses[0]!.evidence[1]).toMatchObject({ what: "signal:trustAnchor" });
      // Not one node: the phones pinned to each of them fail.
      expect(evidence.dimensions.remoteIp[0]!.excessShare).toBeLessThan(0.5);
      // The deploy is a step, and says so.
      expect(hypotheses[0]!.evidence).toContainEqual({
        what: "onset",
        value: "step",
        excessShare: 1,
        share: 1,
        baselineShare: 0,
      });
    },
  );

  it.each(ONSETS)("%s (%i): the onset is %s", (scenario, code, shape, afterMinutes, minutes) => {
    const { evidence } = diagnoseScenario(scenario, code, 11, afterMinutes, minutes);
    expect(evidence.onset?.shape ?? null, JSON.stringify(evidence.onset)).toBe(shape);
    if (shape === "step") {
      // From the scenario's start minute (or the one after, when it starts late in its minute).
      const first = Date.parse(evidence.onset!.firstMinute);
      expect(first).toBeGreaterThanOrEqual(Math.floor(START / MINUTE) * MINUTE);
      expect(first).toBeLessThanOrEqual(Math.floor(START / MINUTE) * MINUTE + MINUTE);
      expect(evidence.onset!.minutesToHalfPeak).toBeLessThanOrEqual(2);
    }
  });

  it("shows a step as evidence of an expired certificate, and halves it on a ramp", () => {
    const { evidence, hypotheses } = diagnoseScenario("cert-expiry", 50502);
    expect(hypotheses[0]!.evidence.at(-1)).toMatchObject({ what: "onset", value: "step" });
    const ramped = diagnose({ ...evidence, onset: { ...evidence.onset!, shape: "ramp" } });
    expect(ramped[0]!.id).toBe("certificate-expired");
    expect(ramped[0]!.score).toBeCloseTo(hypotheses[0]!.score / 2, 5);
    expect(ramped[0]!.evidence.some((l) => l.what === "onset")).toBe(false);
    // Without a minute series, no onset: the same cause, no onset line.
    const unknown = diagnose({ ...evidence, onset: null });
    expect(unknown[0]!.score).toBe(hypotheses[0]!.score);
    expect(unknown[0]!.evidence.some((l) => l.what === "onset")).toBe(false);
  });

  it("shows a ramp as evidence of wrong clocks, and of interception", () => {
    const clocks = diagnoseScenario("clock-skew", 50502).hypotheses;
    expect(clocks[0]!.evidence).toContainEqual(
      expect.objectContaining({ what: "onset", value: "ramp" }),
    );
    const intercepted = diagnoseScenario("interception", 50502, 11, 0, 30).hypotheses;
    expect(intercepted[0]!.id).toBe("interception");
    expect(intercepted[0]!.evidence).toContainEqual(
      expect.objectContaining({ what: "onset", value: "ramp" }),
    );
  });

  it("halves a new app version that starts as a step: adoption ramps", () => {
    const { evidence, hypotheses } = diagnoseScenario("pairing-wave", 1006, 11, 120);
    expect(evidence.onset).toBeNull();
    const stepped = diagnose({
      ...evidence,
      onset: {
        shape: "step",
        firstMinute: new Date(START).toISOString(),
        minutesToHalfPeak: 0,
        minutesToPeak: 0,
        peakPerMinute: 100,
      },
    });
    expect(stepped[0]!.id).toBe("app-release");
    expect(stepped[0]!.score).toBeCloseTo(hypotheses[0]!.score / 2, 5);
  });

  it("names the expired certificate in the first line, in Chinese and English", () => {
    const [first] = diagnoseScenario("cert-expiry", 50502).hypotheses;
    expect(first!.title.en).toBe("Server certificate probably expired");
    expect(first!.title.zh).toBe("服务器证书可能已过期");
    // The evidence: nearly all of the excess says "Certificate expired" from right clocks.
    expect(first!.evidence[0]!.excessShare).toBeGreaterThan(0.9);
  });

  it("reads the same cause from a sample of the events, with the windows' totals", () => {
    const traffic = createTraffic({
      seed: 11,
      rate: 10,
      populationSize: 10_000,
      scenarios: [{ name: "cert-expiry", startMs: START }],
    });
    const window = (from: number, minutes: number) => {
      const events: DiagnosticEvent[] = [];
      for (let m = from; m < from + minutes * MINUTE; m += MINUTE) {
        for (const e of traffic.eventsForMinute(m)) {
          if (e.event.code === 50502) events.push(asStored(e));
        }
      }
      return events;
    };
    const surge = window(Math.floor(START / MINUTE) * MINUTE, SURGE_MINUTES);
    const baseline = window(START - BASELINE_MINUTES * MINUTE, BASELINE_MINUTES);
    const whole = buildEvidence(
      50502,
      { events: surge, minutes: SURGE_MINUTES },
      { events: baseline, minutes: BASELINE_MINUTES },
    );
    // Every 10th event of each window, with the counts.
    const sampled = buildEvidence(
      50502,
      { events: surge.filter((_, i) => i % 10 === 0), minutes: SURGE_MINUTES, total: surge.length },
      {
        events: baseline.filter((_, i) => i % 10 === 0),
        minutes: BASELINE_MINUTES,
        total: baseline.length,
      },
    );
    expect(sampled.surge.expected).toBe(whole.surge.expected);
    expect(sampled.surge.events).toBe(whole.surge.events);
    expect(diagnose(sampled)[0]!.id).toBe("certificate-expired");
    expect(sampled.signals.expiredWithRightClock.excessShare).toBeCloseTo(
      whole.signals.expiredWithRightClock.excessShare,
      1,
    );
  });

  it("calls a surge from a few phones a few devices, whatever else it shares", () => {
    const { evidence } = diagnoseScenario("cert-expiry", 50502);
    const few = { ...evidence, surge: { ...evidence.surge, devices: 3 } };
    expect(diagnose(few)[0]!.id).toBe("few-devices");
  });
});

/** Hand-made events: the causes again, without the simulator's regularities. */
function event(overrides: Partial<DiagnosticEvent>, i: number): DiagnosticEvent {
  return {
    clockDriftMs: 0,
    host: ["a.example", "b.example", "c.example"][i % 3]!,
    remoteIp: `10.0.${i % 3}.${i % 2}`,
    exception: "javax.net.ssl.SSLHandshakeException",
    message: null,
    cause: null,
    appVersion: ["5.3.0", "5.4.0"][i % 2]!,
    osVersion: "13",
    apiLevel: [26, 30, 33][i % 3]!,
    network: ["wifi", "4g", "5g"][i % 3]!,
    carrier: ["China Mobile", "China Unicom", "China Telecom"][i % 3]!,
    region: ["cn-east", "cn-north"][i % 2]!,
    deviceHash: `d${i}`,
    ...overrides,
  };
}
const many = (n: number, overrides: (i: number) => Partial<DiagnosticEvent>) =>
  Array.from({ length: n }, (_, i) => event(overrides(i), i));

describe("the diagnosis of causes from hand-made events", () => {
  const baseline = { events: many(300, () => ({})), minutes: 300 };

  it("one host on all its nodes with 'Trust anchor' texts → a bad intermediate chain", () => {
    const surge = many(400, (i) => ({
      host: "b.example",
      remoteIp: `10.0.1.${i % 4}`,
      message: "CertPathValidatorException: Trust anchor for certification path not found.",
    }));
    const [first] = diagnose(buildEvidence(50502, { events: surge, minutes: 10 }, baseline));
    expect(first?.id).toBe("bad-intermediate-chain");
  });

  it("one carrier, all hosts → interception on the users' network", () => {
    const surge = many(400, () => ({ carrier: "Wasu Broadband" }));
    const [first] = diagnose(buildEvidence(50502, { events: surge, minutes: 10 }, baseline));
    expect(first?.id).toBe("interception");
  });

  it("does not count devices, nor blame one IP, when most events carry neither", () => {
    const surge = many(400, (i) => ({
      deviceHash: i === 0 ? "the only one" : null,
      remoteIp: i === 0 ? "198.51.100.22" : null,
      message: "Certificate expired at Mon Nov 30 06:01:15 GMT 2026",
    }));
    const evidence = buildEvidence(50502, { events: surge, minutes: 10 }, baseline);
    expect(evidence.surge.devices).toBeNull();
    expect(diagnose(evidence)[0]?.id).toBe("certificate-expired");
  });

  it("a surge shaped like the baseline gets no hypothesis rather than a guess", () => {
    const surge = many(400, () => ({}));
    expect(diagnose(buildEvidence(50502, { events: surge, minutes: 10 }, baseline))).toEqual([]);
  });
});
