/**
 * What the alert evaluation reads off a code's latest minutes: the surge going on now (from the
 * detector's verdicts, as the charts show them), a threshold's value, and whether counts are
 * back near the baseline frozen when an incident opened. Pure: minute points in, numbers out.
 */

/** One minute as GET /api/v1/series gives it at 1m (lib/stats/series.ts SeriesPoint). */
export interface MinutePoint {
  /** Epoch minute. */
  minute: number;
  count: number;
  expected: number;
  spike: boolean;
  /** Judged on the spot from minutes that may still receive events. */
  provisional: boolean;
}

export interface Surge {
  /** Epoch minutes of the first and the latest spike minute. */
  startMinute: number;
  lastMinute: number;
  peak: number;
  peakMinute: number;
  /** Events from the first spike minute on, and the excess over what was expected of them. */
  events: number;
  excess: number;
  /** Expected events per minute at the surge's first minute: the baseline an incident freezes. */
  baselinePerMinute: number;
  /** Some minute it rests on was judged provisionally. */
  provisional: boolean;
}

/** A spike whose latest minute is this recent is going on now (the current minute counts). */
export const ONGOING_MINUTES = 2;
/** Unusual minutes just before the first spike minute that are counted as the surge's start. */
const LEAD_MINUTES = 2;
/** Spike minutes this close belong to one surge (lib/detect INTERVAL_MERGE_GAP). */
const MERGE_GAP = 3;

/**
 * The surge going on at `nowMinute` in `points` (ascending, one per minute, the current partial
 * minute last), or null when the latest spike minute is older than ONGOING_MINUTES. A partial
 * minute flagged already is flagged for good: its count only grows.
 */
export function ongoingSurge(points: MinutePoint[], nowMinute: number): Surge | null {
  let last = -1;
  for (let i = points.length - 1; i >= 0; i--) {
    if (points[i]!.spike) {
      last = i;
      break;
    }
  }
  if (last < 0 || points[last]!.minute < nowMinute - ONGOING_MINUTES) return null;
  let first = last;
  for (let i = last - 1; i >= 0 && first - i - 1 <= MERGE_GAP; i--) {
    if (points[i]!.spike) first = i;
  }
  // The detector flags a surge on its second unusual minute: the first one, clearly above
  // expected, is where the surge began (and must not count as the diagnosis's baseline).
  for (let back = 0; back < LEAD_MINUTES && first > 0; back++) {
    const p = points[first - 1]!;
    if (p.count <= Math.max(2 * p.expected, p.expected + 3)) break;
    first--;
  }
  let peak = -1;
  let peakMinute = points[first]!.minute;
  let events = 0;
  let expected = 0;
  let provisional = false;
  for (let i = first; i < points.length; i++) {
    const p = points[i]!;
    events += p.count;
    expected += p.expected;
    provisional ||= p.provisional;
    if (p.count > peak) {
      peak = p.count;
      peakMinute = p.minute;
    }
  }
  return {
    startMinute: points[first]!.minute,
    lastMinute: points[last]!.minute,
    peak,
    peakMinute,
    events,
    excess: Math.max(0, events - expected),
    baselinePerMinute: points[first]!.expected,
    provisional,
  };
}

/**
 * Counts are back near the frozen baseline: the last `minutes` complete minutes together hold no
 * more than a Poisson count of that mean would exceed only rarely (mean + 3 standard deviations,
 * plus 2 for a baseline near zero). The detector's own verdict is not used: it absorbs a shift
 * that lasts for hours, and would call a certificate left expired over a weekend normal. The
 * baseline is the frozen one risen with the code's rhythm (`resolutionBaseline`).
 */
export function backToBaseline(counts: number[], baselinePerMinute: number): boolean {
  const mean = baselinePerMinute * counts.length;
  const total = counts.reduce((sum, c) => sum + c, 0);
  return total <= mean + 3 * Math.sqrt(mean) + 2;
}

/**
 * How far the baseline an incident resolves against may follow the code's daily rhythm. With
 * `backToBaseline`'s slack, twice a baseline of 1 a minute resolves at up to 3.5 a minute, so a
 * surge that holds at four times its opening baseline keeps its incident open.
 */
export const RHYTHM_ALLOWANCE = 2;
/** Days back the rhythm is read: the day before, and the same weekday a week before. */
const RHYTHM_DAYS = [1, 7];
const DAY_MINUTES = 1_440;

/** A span of epoch minutes, [from, to). */
export type MinuteSpan = readonly [from: number, to: number];

/**
 * Where to read an incident's rhythm: for each of `RHYTHM_DAYS`, the minutes judged now
 * (`quiet`) and as many minutes before the surge began (`startMinute`), that many days earlier.
 * A reference whose window reaches into the incident itself (one open for over a day) is left
 * out: it would measure the surge, not the rhythm.
 */
export function rhythmReferences(
  startMinute: number,
  quiet: MinuteSpan,
): Array<{ now: MinuteSpan; atStart: MinuteSpan }> {
  const minutes = quiet[1] - quiet[0];
  return RHYTHM_DAYS.map((days) => days * DAY_MINUTES)
    .filter((back) => quiet[1] - back <= startMinute)
    .map((back) => ({
      now: [quiet[0] - back, quiet[1] - back] as const,
      atStart: [startMinute - minutes - back, startMinute - back] as const,
    }));
}

/**
 * The baseline (events a minute) an incident's latest minutes are compared with to resolve it:
 * the one frozen at opening, times the code's rhythm between then and now, which is how its count
 * over the minutes judged now compared with its count before the surge began, a day and a week
 * earlier (`references`, event counts from `rhythmReferences`' windows): the smaller of the two,
 * so a surge on one of those days does not pass for rhythm, kept between 1 and
 * `RHYTHM_ALLOWANCE`. Why: a surge opened at 05:00 against the night's rate is over by 06:00,
 * when the morning's ordinary traffic is already above that rate, and the incident would stay
 * open all day. Why not the detector's expected count: after four hours the detector takes a
 * surge that persists for the new normal (`maxExcludedMinutes`), and its expected count is then
 * the surge itself. Two events of prior on each side keep a near-zero code's rhythm near 1.
 */
export function resolutionBaseline(
  frozenPerMinute: number,
  references: Array<{ now: number; atStart: number }>,
): number {
  if (references.length === 0) return frozenPerMinute;
  const rhythm = Math.min(...references.map((r) => (r.now + 2) / (r.atStart + 2)));
  return frozenPerMinute * Math.min(RHYTHM_ALLOWANCE, Math.max(1, rhythm));
}

/**
 * A threshold rule's surge: the last `windowMinutes` of `points` hold at least `threshold`
 * events, or that share of all events (`totals`: every code's events per minute, aligned with
 * the end of `points`). Null when below.
 */
export function thresholdSurge(
  rule: { metric: string | null; threshold: number | null; windowMinutes: number },
  points: MinutePoint[],
  totals: number[],
): Surge | null {
  const window = points.slice(-rule.windowMinutes);
  const events = window.reduce((sum, p) => sum + p.count, 0);
  const all = totals.slice(-rule.windowMinutes).reduce((sum, c) => sum + c, 0);
  const value = rule.metric === "share" ? (all > 0 ? events / all : 0) : events;
  if (rule.threshold === null || value < rule.threshold || window.length === 0) return null;
  let peak = window[0]!;
  for (const p of window) if (p.count > peak.count) peak = p;
  const expected = window.reduce((sum, p) => sum + p.expected, 0);
  return {
    startMinute: window[0]!.minute,
    lastMinute: window.at(-1)!.minute,
    peak: peak.count,
    peakMinute: peak.minute,
    events,
    excess: events,
    baselinePerMinute: expected / window.length,
    provisional: window.some((p) => p.provisional),
  };
}

/** Minutes of quiet that resolve an incident by itself (and its least age before it may). */
export const QUIET_MINUTES = 10;

/** A past spike interval as the retrospective scan reads it (lib/stats/spikes.ts's SpikeDto). */
export interface PastSpike {
  code: number;
  /** ISO 8601, the first spike minute and the end of the last (exclusive). */
  start: string;
  end: string;
  peakPerMinute: number;
  expectedPerMinute: number;
  verdict: "settled" | "provisional";
}

/**
 * The spikes one live incident would have covered, merged: a code's spikes whose gap is under
 * `gapMinutes` (the quiet that resolves an incident plus the rule's cooldown, during which no new
 * one opens) are one surge, from the first one's start to the last one's end, with the highest
 * peak and the first one's baseline. Provisional if any part is. Sorted by code, then start.
 */
export function mergePastSpikes<T extends PastSpike>(spikes: T[], gapMinutes: number): T[] {
  const sorted = [...spikes].sort((a, b) => a.code - b.code || a.start.localeCompare(b.start));
  const merged: T[] = [];
  for (const spike of sorted) {
    const last = merged.at(-1);
    const gapMs = last ? Date.parse(spike.start) - Date.parse(last.end) : Infinity;
    if (last && last.code === spike.code && gapMs < gapMinutes * 60_000) {
      merged[merged.length - 1] = {
        ...last,
        end: spike.end > last.end ? spike.end : last.end,
        peakPerMinute: Math.max(last.peakPerMinute, spike.peakPerMinute),
        verdict: last.verdict === "provisional" ? last.verdict : spike.verdict,
      };
    } else {
      merged.push(spike);
    }
  }
  return merged;
}
