/**
 * Ranking the likely causes of a surge from its evidence (`evidence.ts`). The causes and the
 * signals that tell them apart are those of the shared domain notes (Tuya's six causes of 50502,
 * and the field facts for the other families), summarised in docs/diagnosis.md.
 *
 * Each rule scores 0–1 from the shares of the surge's excess; a cause whose defining signal is
 * absent scores 0. Rules are independent and cheap; the ranking is by score. The onset (a step,
 * a ramp) is supporting evidence where the notes say it tells causes apart: the onset a cause
 * has adds an evidence line, the one it cannot have halves its score; no onset changes nothing.
 */
import type { Dimension, Evidence, Onset, Signal, ValueEvidence } from "./evidence";
import type { OnsetShape } from "./onset";

export type HypothesisId =
  | "certificate-expired"
  | "load-balancer-node"
  | "bad-intermediate-chain"
  | "missing-root-ca"
  | "wrong-phone-clocks"
  | "interception"
  | "few-devices"
  | "device-cloud-outage"
  | "carrier-dns"
  | "app-release"
  | "concentrated";

export interface EvidenceLine {
  /**
   * A dimension, `signal:<name>` for a fact about the events' texts or clocks, `devices` (value:
   * their count) or `onset` (value: the shape, with shares 1, 1 and 0: a fact about the whole
   * surge, not a share of it; the details are the answer's `onset`).
   */
  what: Dimension | `signal:${Signal}` | "devices" | "onset";
  value: string;
  excessShare: number;
  share: number;
  baselineShare: number;
}

export interface Hypothesis {
  id: HypothesisId;
  /** 0–1: how much of the surge's excess the cause's signal accounts for. */
  score: number;
  title: { zh: string; en: string };
  evidence: EvidenceLine[];
}

/**
 * No hypothesis without a clear excess: at least this many events, and half the expected count,
 * above the baseline's prediction (the composition of noise says nothing about a cause).
 */
export const MIN_EXCESS_EVENTS = 10;

/** Below this many distinct phones a surge is one device's retry loop, not a fleet incident. */
export const FEW_DEVICES = 10;

const top = (e: Evidence, d: Dimension): ValueEvidence | undefined => e.dimensions[d][0];
const line = (what: EvidenceLine["what"], v: ValueEvidence): EvidenceLine => ({ what, ...v });
const signal = (e: Evidence, s: Signal) => line(`signal:${s}`, e.signals[s]);
/** The top value's excess share when it is the clear majority, else 0. */
const concentrated = (v: ValueEvidence | undefined, atLeast = 0.6) =>
  v && v.excessShare >= atLeast ? v.excessShare : 0;

type Rule = (e: Evidence) => Omit<Hypothesis, "id" | "title"> | null;

/** How a cause begins: the onset that supports it, and the one it cannot have. */
interface OnsetExpectation {
  supports: OnsetShape;
  against?: OnsetShape;
}
/** A certificate's notAfter second, a deploy: at one instant for every phone it concerns. */
const AT_ONCE: OnsetExpectation = { supports: "step", against: "ramp" };

/** The score of a cause whose onset contradicts it, as a share of its score. */
export const ONSET_AGAINST = 0.5;

const onsetLine = (onset: Onset): EvidenceLine => ({
  what: "onset",
  value: onset.shape,
  excessShare: 1,
  share: 1,
  baselineShare: 0,
});

const RULES: Array<{
  id: HypothesisId;
  codes?: number[];
  title: Hypothesis["title"];
  onset?: OnsetExpectation;
  rule: Rule;
}> = [
  {
    id: "certificate-expired",
    codes: [50502],
    title: {
      en: "Server certificate probably expired",
      zh: "服务器证书可能已过期",
    },
    onset: AT_ONCE,
    // Every host and version at once, "Certificate expired at …" from phones with right clocks.
    rule: (e) => {
      const expired = e.signals.expiredWithRightClock.excessShare;
      if (expired < 0.5) return null;
      const host = top(e, "host");
      const ip = top(e, "remoteIp");
      const spread = 1 - Math.max(concentrated(ip, 0.5), concentrated(host, 0.9));
      return {
        score: expired * spread,
        evidence: [signal(e, "expiredWithRightClock"), ...(host ? [line("host", host)] : [])],
      };
    },
  },
  {
    id: "load-balancer-node",
    codes: [50502],
    title: {
      en: "One load-balancer node serves a bad certificate",
      zh: "某个负载均衡节点证书异常",
    },
    onset: AT_ONCE,
    // One remote IP: the phones pinned to that node (OkHttp does not retry another IP).
    rule: (e) => {
      const ip = top(e, "remoteIp");
      const score = concentrated(ip);
      return score > 0 ? { score, evidence: [line("remoteIp", ip!)] } : null;
    },
  },
  {
    id: "bad-intermediate-chain",
    codes: [50502],
    title: {
      en: "One host serves an incomplete certificate chain",
      zh: "某个域名的证书链不完整",
    },
    onset: AT_ONCE,
    // One host on all its nodes, "Trust anchor … not found", every Android version.
    rule: (e) => {
      const host = top(e, "host");
      const trust = e.signals.trustAnchor.excessShare;
      const hostShare = concentrated(host, 0.7);
      const oneNode = concentrated(top(e, "remoteIp"));
      const oldAndroid = e.signals.oldAndroid.excessShare;
      if (hostShare === 0 || trust < 0.5 || oneNode > 0 || oldAndroid >= 0.7) return null;
      return {
        score: hostShare * trust,
        evidence: [line("host", host!), signal(e, "trustAnchor")],
      };
    },
  },
  {
    id: "missing-root-ca",
    codes: [50502],
    title: {
      en: "Phones on Android 7.0 or older lack the new root CA",
      zh: "Android 7.0 及以下手机缺少新的根证书",
    },
    // When the re-issued certificate is deployed.
    onset: AT_ONCE,
    rule: (e) => {
      const old = e.signals.oldAndroid;
      if (old.excessShare < 0.7 || old.baselineShare > 0.5) return null;
      const trust = e.signals.trustAnchor.excessShare;
      return {
        score: old.excessShare * (0.5 + 0.5 * trust),
        evidence: [signal(e, "oldAndroid"), signal(e, "trustAnchor")],
      };
    },
  },
  {
    id: "wrong-phone-clocks",
    codes: [50502, 104, 12003],
    title: { en: "Phones with wrong clocks", zh: "手机时间不准" },
    // Clocks go wrong phone by phone (updates, flat batteries), not at one instant.
    onset: { supports: "ramp" },
    rule: (e) => {
      const wrong = e.signals.wrongClock.excessShare;
      return wrong >= 0.5 ? { score: wrong, evidence: [signal(e, "wrongClock")] } : null;
    },
  },
  {
    id: "interception",
    codes: [50502, 50515, 50516],
    title: {
      en: "Interception on the users' network (one network or carrier)",
      zh: "用户网络存在拦截（集中在某个网络或运营商）",
    },
    // As the network's users meet the middlebox.
    onset: { supports: "ramp" },
    rule: (e) => {
      const carrier = top(e, "carrier");
      const network = top(e, "network");
      const best = [carrier, network]
        .filter((v): v is ValueEvidence => v !== undefined && v.baselineShare < 0.5)
        .sort((a, b) => b.excessShare - a.excessShare)[0];
      const score = concentrated(best, 0.7);
      if (score === 0) return null;
      return {
        score,
        evidence: [
          line(best === carrier ? "carrier" : "network", best!),
          signal(e, "interception"),
        ],
      };
    },
  },
  {
    id: "device-cloud-outage",
    codes: [10202, 10203],
    title: {
      en: "Device cloud connectivity lost in every region",
      zh: "设备云连接中断（各地区均受影响）",
    },
    rule: (e) => {
      const region = top(e, "region");
      if (!region || region.excessShare >= 0.5) return null;
      return { score: 1 - region.excessShare, evidence: [line("region", region)] };
    },
  },
  {
    id: "carrier-dns",
    codes: [50504],
    title: { en: "One carrier's DNS fails", zh: "某运营商 DNS 解析失败" },
    rule: (e) => {
      const carrier = top(e, "carrier");
      const score = concentrated(carrier);
      return score > 0 ? { score, evidence: [line("carrier", carrier!)] } : null;
    },
  },
  {
    id: "app-release",
    title: { en: "Started with a new app version", zh: "随新版本 App 出现" },
    // With adoption: phones update over hours, never all at once.
    onset: { supports: "ramp", against: "step" },
    // A version that was (nearly) absent from the baseline carries the surge.
    rule: (e) => {
      const version = top(e, "appVersion");
      if (!version || version.baselineShare > 0.1) return null;
      const score = concentrated(version);
      return score > 0 ? { score, evidence: [line("appVersion", version)] } : null;
    },
  },
  {
    id: "few-devices",
    title: {
      en: "Only a few devices (one phone's retry loop?)",
      zh: "仅少数设备（可能是单台手机重试）",
    },
    rule: (e) => {
      const devices = e.surge.devices;
      if (devices === null || devices >= FEW_DEVICES) return null;
      return {
        score: 1,
        evidence: [
          { what: "devices", value: String(devices), excessShare: 1, share: 1, baselineShare: 0 },
        ],
      };
    },
  },
];

/** Generic: the one dimension value that carries the surge, for codes without a specific rule. */
function concentration(e: Evidence): Hypothesis | null {
  let best: EvidenceLine | null = null;
  for (const [dimension, values] of Object.entries(e.dimensions) as [
    Dimension,
    ValueEvidence[],
  ][]) {
    const v = values[0];
    if (
      v &&
      v.excessShare >= 0.7 &&
      v.baselineShare < 0.5 &&
      (!best || v.excessShare > best.excessShare)
    ) {
      best = line(dimension, v);
    }
  }
  if (!best) return null;
  return {
    id: "concentrated",
    score: best.excessShare * 0.8,
    title: {
      en: `Concentrated in ${best.what} ${best.value}`,
      zh: `集中在 ${best.what} ${best.value}`,
    },
    evidence: [best],
  };
}

/**
 * The hypotheses the evidence supports, most likely first (empty when none does, or when the
 * surge is no clear excess over its baseline: `MIN_EXCESS_EVENTS`). "A few
 * devices" outranks every other: a handful of phones is not a fleet incident, whatever else
 * their events share.
 */
export function diagnose(evidence: Evidence): Hypothesis[] {
  const { events, expected } = evidence.surge;
  if (events - expected < Math.max(MIN_EXCESS_EVENTS, 0.5 * expected)) return [];
  const found: Hypothesis[] = [];
  const { onset } = evidence;
  for (const { id, codes, title, onset: expected, rule } of RULES) {
    if (codes && !codes.includes(evidence.code)) continue;
    const result = rule(evidence);
    if (!result || result.score <= 0) continue;
    let { score, evidence: lines } = result;
    if (onset && expected?.supports === onset.shape) lines = [...lines, onsetLine(onset)];
    if (onset && expected?.against === onset.shape) score *= ONSET_AGAINST;
    found.push({ id, title, score, evidence: lines });
  }
  const generic = concentration(evidence);
  if (generic && !found.some((h) => h.evidence.some((l) => l.what === generic.evidence[0]!.what))) {
    found.push(generic);
  }
  return found.sort(
    (a, b) => Number(b.id === "few-devices") - Number(a.id === "few-devices") || b.score - a.score,
  );
}
