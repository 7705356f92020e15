/**
 * The spike detector: per-minute counts of one project + code in, one verdict per minute out.
 *
 * Expected count = seasonal profile × level factor.
 *   - Seasonal: the code's own rate at the same time of week, averaged over the last `weeks`
 *     weeks, read from hourly sums and interpolated between hour centres (smooth for small counts).
 *     History is "cleaned": minutes the detector flagged enter it capped at their expected value,
 *     so last week's incident does not raise this week's baseline.
 *   - Level: observed / seasonal over the last `levelMinutes` unflagged minutes, shrunk towards 1
 *     by `levelPrior` events. It absorbs level changes, slow growth and a benign rise of all
 *     traffic, which build up over tens of minutes, while a surge is flagged before it can leak in.
 * A minute is a candidate when its count is above `upper`: at least minRatio × expected, at least
 * expected + minExcess, and in the `tail` of a negative binomial whose dispersion is learned from
 * the code's residuals plus the baseline's own uncertainty (count data, not a z-score). It is a
 * spike when it is a candidate and the joint evidence of the `persistNeed` most improbable
 * candidates among the last `persistWindow` minutes (the product of their tail probabilities,
 * each floored at `tailFloor`) is below `jointTail`. So a spike needs two unusual minutes out of
 * three, and one extreme minute (a burst) cannot carry an ordinary neighbour. Once in a spike, a
 * count halfway between expected and `upper` keeps it going.
 * A benign ×2 of all traffic stays quiet because it never reaches the ×4 ratio, whatever its onset.
 * With less than a week of history (`warmingUp`) the expected value is the last day's mean, with
 * no seasonality, so the ratio is 3× higher and the tails 100× stricter. A code there from its
 * project's start gets no verdict in its first hour (`upper` = Infinity); a code new to a project
 * that was already reporting is judged from its first minute against a small prior rate
 * (`unseenRate`), so a surge of a code never seen before is caught while a trickle is not.
 * A spike must also start larger than the code's ordinary bursts (the burst gate: the second
 * largest daily excess over the noise band in four weeks, ×2), so a code that surges every day
 * (a bot, a batch job, news) is judged against its own volatility, not a Poisson ideal. Besides
 * windows of a few minutes, the gate has a long window (an exponentially weighted excess over
 * about two hours, ×1.5 its ordinary), so a surge that lasts hours is news on a code whose
 * short bursts are as tall; a day's bursts leave out what a window carries over from before
 * midnight, so one incident across midnight is one ordinary burst, not two.
 * The dispersion is learned from residuals clipped at `dispersionClip` standard deviations, so
 * a surge's aftermath (minutes just under the band) does not widen the band for a week.
 * Everything depends only on minutes up to the one judged: no look-ahead.
 */
import { nbTail, nbUpperCount } from "./negative-binomial";
import { resolveSettings, type DetectorSettings, type Sensitivity } from "./settings";

export const MINUTES_PER_WEEK = 10_080;

export interface MinuteVerdict {
  /** Index of the minute in the stream (0 = the first minute passed to `update`). */
  index: number;
  /** UTC minute (minutes since the Unix epoch). */
  minute: number;
  count: number;
  /** Baseline count for this minute. */
  expected: number;
  /** Largest count still considered normal; a count above it is anomalous. Infinity = no verdict yet. */
  upper: number;
  /** The count is above `upper` (one anomalous minute; not yet a spike). */
  candidate: boolean;
  spike: boolean;
  /** Less than a week of history: no seasonal profile, conservative thresholds. */
  warmingUp: boolean;
  /** Weeks of history behind the seasonal profile (0 while warming up). */
  weeksOfHistory: number;
}

export type DetectorOptions = Partial<DetectorSettings> & { sensitivity?: Sensitivity };

export interface DetectorSnapshot {
  version: 2;
  settings: DetectorSettings;
  state: Record<string, number | number[] | boolean>;
}

const DAY = 1_440;
/** Settings added after snapshots were first stored, with the values that mean "as before". */
const SETTINGS_BEFORE: Partial<DetectorSettings> = {
  dispersionClip: 0,
  gateMassMinutes: 0,
  gateMassRatio: 2,
  gateSplitMidnight: false,
};
/** Residuals lose half their weight in a week. */
const DISPERSION_DECAY = Math.pow(0.5, 1 / MINUTES_PER_WEEK);

export class SpikeDetector {
  readonly settings: DetectorSettings;
  readonly startMinute: number;
  private readonly newInProject: boolean;
  private index = 0;
  // Cleaned hourly sums, keyed by absolute UTC hour in a ring that covers `weeks` weeks.
  private readonly hourSum: Float64Array;
  private readonly hourMinutes: Uint8Array;
  private readonly hourId: Float64Array;
  // Level window: observed and seasonal counts of recent unflagged minutes.
  private readonly levelObs: Float64Array;
  private readonly levelSeasonal: Float64Array;
  private levelO = 0;
  private levelE = 0;
  // Warm-up fallback: cleaned counts of the last day.
  private readonly dayObs: Float64Array;
  private daySum = 0;
  // Overdispersion learned from the code's own residuals (method of moments, decaying weights).
  private dispersionNum = 0;
  private dispersionDen = 0;
  // Tail probabilities of the last `persistWindow` minutes (1 for minutes that were no candidate).
  private readonly recentTails: Float64Array;
  private inSpike = false;
  private excludedRun = 0;
  // Burst memory (the gate), in one array: with five more fields instead, the detector ran 3×
  // slower (docs/performance.md). It holds the last minutes' raw counts, their expected counts, each
  // window's largest burst today, the same for each of the last `gateDays` days (window-major
  // rows of a ring), and each window's ordinary burst, recomputed at midnight. See `memoryLayout`.
  private readonly burstMemory: Float64Array;

  constructor(
    startMinute: number,
    options: DetectorOptions = {},
    { newInProject = false }: { newInProject?: boolean } = {},
  ) {
    if (!Number.isInteger(startMinute)) throw new RangeError("startMinute must be an integer");
    this.settings = resolveSettings(options);
    this.newInProject = newInProject;
    this.startMinute = startMinute;
    const hours = this.settings.weeks * 168 + 4;
    this.hourSum = new Float64Array(hours);
    this.hourMinutes = new Uint8Array(hours);
    this.hourId = new Float64Array(hours).fill(-1);
    this.levelObs = new Float64Array(this.settings.levelMinutes);
    this.levelSeasonal = new Float64Array(this.settings.levelMinutes);
    this.dayObs = new Float64Array(DAY);
    this.recentTails = new Float64Array(this.settings.persistWindow).fill(1);
    const layout = memoryLayout(this.settings);
    this.burstMemory = new Float64Array(layout.size);
    this.burstMemory.fill(-1, layout.past, layout.ordinary);
  }

  /**
   * An independent copy of the state, e.g. to replay what-if continuations of one history (the
   * harness warms one detector up and then branches it per scenario).
   */
  clone(): SpikeDetector {
    const copy = Object.create(SpikeDetector.prototype) as SpikeDetector;
    return Object.assign(copy, this, {
      hourSum: this.hourSum.slice(),
      hourMinutes: this.hourMinutes.slice(),
      hourId: this.hourId.slice(),
      levelObs: this.levelObs.slice(),
      levelSeasonal: this.levelSeasonal.slice(),
      dayObs: this.dayObs.slice(),
      recentTails: this.recentTails.slice(),
      burstMemory: this.burstMemory.slice(),
    });
  }

  /**
   * Plain, JSON-serialisable state (a few thousand numbers), so a long-running alert loop can
   * persist it and resume with `SpikeDetector.restore` instead of replaying weeks of history.
   */
  snapshot(): DetectorSnapshot {
    const state: Record<string, number | number[] | boolean> = {};
    for (const [key, value] of Object.entries(this)) {
      if (key === "settings") continue;
      state[key] = ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value;
    }
    return { version: 2, settings: { ...this.settings }, state };
  }

  static restore(snapshot: DetectorSnapshot): SpikeDetector {
    if (snapshot.version !== 2) throw new RangeError("unknown detector snapshot version");
    const startMinute = snapshot.state.startMinute;
    if (typeof startMinute !== "number") throw new RangeError("snapshot without startMinute");
    // A snapshot stored before a setting existed ran without it: restore it as it ran.
    const detector = new SpikeDetector(startMinute, { ...SETTINGS_BEFORE, ...snapshot.settings });
    const target = detector as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(snapshot.state)) {
      const current = target[key];
      if (current instanceof Float64Array || current instanceof Uint8Array) {
        if (!Array.isArray(value) || value.length !== current.length) {
          throw new RangeError(`snapshot field ${key} does not match the settings`);
        }
        current.set(value);
      } else if (typeof current === typeof value) {
        target[key] = value;
      } else {
        throw new RangeError(`snapshot field ${key} has the wrong type`);
      }
    }
    return detector;
  }

  /** Minutes processed so far. */
  get length(): number {
    return this.index;
  }

  /** The UTC minute the next `update` judges. */
  get nextMinute(): number {
    return this.startMinute + this.index;
  }

  /** Judge the next minute. Cost is O(weeks), independent of history length. */
  update(rawCount: number): MinuteVerdict {
    const s = this.settings;
    const count = Number.isFinite(rawCount) && rawCount > 0 ? rawCount : 0;
    const index = this.index;
    const minute = this.startMinute + index;

    // Seasonal profile from previous weeks.
    let weeksUsed = 0;
    let rateSum = 0;
    for (let w = 1; w <= s.weeks; w++) {
      const rate = this.rateAt(minute - w * MINUTES_PER_WEEK);
      if (rate >= 0) {
        weeksUsed++;
        rateSum += rate;
      }
    }

    let expected: number;
    let alpha: number;
    let seasonal = 0;
    let tail = s.tail;
    let ratio = s.minRatio;
    let joint = s.jointTail;
    let floor = s.tailFloor;
    const seen = Math.min(index, DAY);
    if (weeksUsed > 0) {
      // Half an event per hour of prior keeps an all-zero code's expectation above zero.
      seasonal = (rateSum * 60 + 0.5) / (weeksUsed * 60);
      const level = clamp((this.levelO + s.levelPrior) / (this.levelE + s.levelPrior), 0.2, 5);
      expected = seasonal * level;
      alpha = this.dispersion() + 1 / (rateSum * 60 + 1) + 1 / (this.levelO + s.levelPrior);
    } else {
      // A code new to a project that was already reporting starts from a small prior rate worth
      // `unseenPriorMinutes` minutes: the mean of what it has seen would be the surge itself, if
      // it starts with one. A code there from the project's start has nothing to compare with.
      expected = this.newInProject
        ? (this.daySum + s.unseenRate * s.unseenPriorMinutes) / (seen + s.unseenPriorMinutes)
        : (this.daySum + 0.5) / (seen + 1);
      alpha = this.dispersion() + 1 / (this.daySum + 1);
      tail *= s.warmupTailFactor;
      joint *= s.warmupTailFactor * s.warmupTailFactor;
      floor *= s.warmupTailFactor;
      ratio *= s.warmupRatioFactor;
    }

    const beyondOrdinary = this.burstGate(index, count, expected, alpha);

    let upper = Number.POSITIVE_INFINITY;
    let candidate = false;
    let spike = false;
    if (weeksUsed > 0 || this.newInProject || index >= s.minHistoryMinutes) {
      const flaggedFrom = Math.max(
        nbUpperCount(expected, alpha, tail),
        Math.ceil(ratio * expected),
        Math.ceil(expected + s.minExcess),
      );
      upper = flaggedFrom - 1;
      candidate = count > upper;
      // Floored, so one extreme minute (a burst) cannot carry an ordinary neighbour into a spike.
      const tailNow = candidate ? Math.max(floor, nbTail(count, expected, alpha)) : 1;
      this.recentTails[index % s.persistWindow] = tailNow;
      const persistent =
        candidate &&
        this.jointTail(tailNow) <= joint &&
        beyondOrdinary &&
        (s.minSpikeExcess === 0 || this.recentExcess(index) >= s.minSpikeExcess);
      const continues = this.inSpike && count > expected + 0.5 * (upper - expected);
      spike = persistent || continues;
    }
    this.inSpike = spike;

    // Flagged minutes stay out of the baseline, unless the "surge" has lasted so long that it
    // is the new normal.
    this.excludedRun = candidate || spike ? this.excludedRun + 1 : 0;
    const excluded = this.excludedRun > 0 && this.excludedRun <= s.maxExcludedMinutes;
    const cleaned = excluded ? Math.min(count, expected) : count;
    this.addToHour(minute, cleaned);

    const slot = index % s.levelMinutes;
    this.levelO -= this.levelObs[slot]!;
    this.levelE -= this.levelSeasonal[slot]!;
    const useForLevel = weeksUsed > 0 && !excluded;
    this.levelObs[slot] = useForLevel ? count : 0;
    this.levelSeasonal[slot] = useForLevel ? seasonal : 0;
    this.levelO += this.levelObs[slot]!;
    this.levelE += this.levelSeasonal[slot]!;

    // E[(x - mu)² - mu] = alpha·mu² for a negative binomial; flagged minutes stay out.
    this.dispersionNum *= DISPERSION_DECAY;
    this.dispersionDen *= DISPERSION_DECAY;
    if (useForLevel) {
      let residual = count - expected;
      if (s.dispersionClip > 0) {
        const sd = Math.sqrt(expected + alpha * expected * expected);
        const cap = s.dispersionClip * sd;
        if (residual > cap) residual = cap;
        else if (residual < -cap) residual = -cap;
      }
      this.dispersionNum += residual * residual - expected;
      this.dispersionDen += expected * expected;
    }

    const daySlot = index % DAY;
    this.daySum += cleaned - this.dayObs[daySlot]!;
    this.dayObs[daySlot] = cleaned;

    this.index++;
    return {
      index,
      minute,
      count,
      expected,
      upper,
      candidate,
      spike,
      warmingUp: weeksUsed === 0,
      weeksOfHistory: weeksUsed,
    };
  }

  /**
   * Product of the `persistNeed` smallest tail probabilities among the last `persistWindow`
   * minutes, the current one (`tailNow`) always included; 1 when too few were candidates.
   */
  private jointTail(tailNow: number): number {
    const need = this.settings.persistNeed;
    const others = Array.from(this.recentTails).sort((a, b) => a - b);
    // The current minute's tail is in the ring too: drop one copy of it.
    others.splice(others.indexOf(tailNow), 1);
    let product = tailNow;
    for (let i = 0; i < need - 1; i++) {
      const p = others[i] ?? 1;
      if (p >= 1) return 1;
      product *= p;
    }
    return product;
  }

  /**
   * The burst gate. For each window of `gateWindows` minutes ending now, the burst is the excess
   * of its raw count over its noise band (the `gateTail` quantile of its expected sum); the gate
   * is open when some window's burst exceeds `gateRatio` × that window's ordinary burst: the
   * `gateRank`-th largest daily burst of the last `gateDays` days (0 with fewer days), a size of
   * surge this code reaches on several days, so one more is no news. One past incident alone
   * does not raise it. Also records today's bursts, and rolls the days over at each midnight
   * of the stream (every 1,440 minutes from its first).
   */
  private burstGate(index: number, count: number, expected: number, alpha: number): boolean {
    const s = this.settings;
    const windows = s.gateWindows;
    const memory = this.burstMemory;
    const at = memoryLayout(s);
    const minuteOfDay = index % DAY;
    if (minuteOfDay === 0 && index > 0) this.closeDay(index / DAY - 1);
    memory[at.observed + (index % at.ring)] = count;
    memory[at.expected + (index % at.ring)] = expected;
    let open = false;
    let observed = 0;
    let baseline = 0;
    let summed = 0;
    for (let w = 0; w < at.rows; w++) {
      let width: number;
      let o: number;
      let b: number;
      // What the window carries over from before midnight: not today's burst.
      let carried = 0;
      if (w < windows.length) {
        width = Math.min(windows[w]!, index + 1);
        for (; summed < width; summed++) {
          const slot = (index - summed) % at.ring;
          observed += memory[at.observed + slot]!;
          baseline += memory[at.expected + slot]!;
        }
        o = observed;
        b = baseline;
        if (s.gateSplitMidnight && index >= DAY && minuteOfDay < width - 1) {
          let before = 0;
          for (let k = minuteOfDay + 1; k < width; k++) {
            const slot = (index - k) % at.ring;
            before += memory[at.observed + slot]! - memory[at.expected + slot]!;
          }
          carried = Math.max(0, before);
        }
      } else {
        // The long window: exponentially weighted sums with a mean age of gateMassMinutes.
        const decay = 1 - 1 / s.gateMassMinutes;
        if (minuteOfDay === 0) {
          memory[at.carry] = s.gateSplitMidnight
            ? Math.max(0, memory[at.mass]! - memory[at.mass + 1]!)
            : 0;
        }
        memory[at.carry]! *= decay;
        memory[at.mass] = memory[at.mass]! * decay + count;
        memory[at.mass + 1] = memory[at.mass + 1]! * decay + expected;
        o = memory[at.mass]!;
        b = memory[at.mass + 1]!;
        width = Math.min(s.gateMassMinutes, index + 1);
        carried = memory[at.carry]!;
      }
      // The band is at least the expected sum, so the burst is at most `o - b`:
      // when that can neither raise today's burst nor open the gate, skip the quantile.
      const bound = o - b;
      const today = memory[at.today + w]!;
      const gate = (w < windows.length ? s.gateRatio : s.gateMassRatio) * memory[at.ordinary + w]!;
      if (bound - carried <= today && bound <= gate) continue;
      const band = nbUpperCount(Math.max(b, 1e-3), alpha / width, s.gateTail);
      const burst = Math.max(0, o - band);
      if (burst - carried > today) memory[at.today + w] = burst - carried;
      if (burst > gate) open = true;
    }
    return open;
  }

  /** Events above the expected count over the last `persistWindow` minutes (the gate's rings). */
  private recentExcess(index: number): number {
    const memory = this.burstMemory;
    const at = memoryLayout(this.settings);
    let excess = 0;
    const minutes = Math.min(this.settings.persistWindow, index + 1, at.ring);
    for (let k = 0; k < minutes; k++) {
      const slot = (index - k) % at.ring;
      excess += memory[at.observed + slot]! - memory[at.expected + slot]!;
    }
    return excess;
  }

  /** Files today's bursts as day `day` of the ring and recomputes the ordinary bursts. */
  private closeDay(day: number): void {
    const { gateDays, gateRank } = this.settings;
    const memory = this.burstMemory;
    const at = memoryLayout(this.settings);
    for (let w = 0; w < at.rows; w++) {
      const row = at.past + w * gateDays;
      memory[row + (day % gateDays)] = memory[at.today + w]!;
      memory[at.today + w] = 0;
      const days = Array.from(memory.subarray(row, row + gateDays))
        .filter((burst) => burst >= 0)
        .sort((a, b) => b - a);
      memory[at.ordinary + w] = days.length < gateRank ? 0 : days[gateRank - 1]!;
    }
  }

  /** Learned overdispersion, shrunk towards the configured prior `alpha`. */
  private dispersion(): number {
    const s = this.settings;
    const prior = s.dispersionPriorWeight;
    return clamp(
      (this.dispersionNum + s.alpha * prior) / (this.dispersionDen + prior),
      s.alpha * 0.25,
      2,
    );
  }

  /** Cleaned rate (events/minute) at `minute`, interpolated between hour centres; -1 if unknown. */
  private rateAt(minute: number): number {
    const position = (minute + 0.5) / 60 - 0.5;
    const h0 = Math.floor(position);
    const frac = position - h0;
    const r0 = this.hourRate(h0);
    const r1 = this.hourRate(h0 + 1);
    if (r0 >= 0 && r1 >= 0) return r0 * (1 - frac) + r1 * frac;
    if (r0 >= 0) return r0;
    return r1;
  }

  private hourRate(hour: number): number {
    const slot = mod(hour, this.hourSum.length);
    if (this.hourId[slot] !== hour || this.hourMinutes[slot]! < 30) return -1;
    return this.hourSum[slot]! / this.hourMinutes[slot]!;
  }

  private addToHour(minute: number, value: number): void {
    const hour = Math.floor(minute / 60);
    const slot = mod(hour, this.hourSum.length);
    if (this.hourId[slot] !== hour) {
      this.hourId[slot] = hour;
      this.hourSum[slot] = 0;
      this.hourMinutes[slot] = 0;
    }
    this.hourSum[slot]! += value;
    this.hourMinutes[slot]! += 1;
  }
}

/**
 * Offsets into the detector's burst memory: two rings of the last `ring` minutes (raw and
 * expected counts), then per window today's burst, `gateDays` past days' bursts (-1 = no such
 * day yet) and the ordinary burst.
 */
function memoryLayout(s: DetectorSettings): MemoryLayout {
  const known = layouts.get(s);
  if (known) return known;
  const rows = s.gateWindows.length + (s.gateMassMinutes > 0 ? 1 : 0);
  const ring = s.gateWindows[s.gateWindows.length - 1]!;
  const today = 2 * ring;
  const past = today + rows;
  const ordinary = past + rows * s.gateDays;
  const mass = ordinary + rows;
  const carry = mass + 2;
  const layout = {
    ring,
    rows,
    observed: 0,
    expected: ring,
    today,
    past,
    ordinary,
    mass,
    carry,
    size: s.gateMassMinutes > 0 ? carry + 1 : mass,
  };
  layouts.set(s, layout);
  return layout;
}

interface MemoryLayout {
  ring: number;
  /** Gate windows: `gateWindows`, then the long window when `gateMassMinutes` > 0. */
  rows: number;
  observed: number;
  expected: number;
  today: number;
  past: number;
  ordinary: number;
  /** The long window's weighted observed and expected sums, and what it carried over midnight. */
  mass: number;
  carry: number;
  size: number;
}
/** Computed once per settings object (every minute reads it). */
const layouts = new WeakMap<DetectorSettings, MemoryLayout>();

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}
