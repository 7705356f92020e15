/** Run the detector over labelled series and score it. */
import { spikeIntervals, SpikeDetector, type DetectorOptions } from "../../lib/detect";
import {
  inject,
  makeBackground,
  SCORED_FROM,
  START_MINUTE,
  WEEK,
  type ScenarioName,
} from "./traffic";

export interface Volume {
  name: string;
  peak: number;
  scenarios: ScenarioName[];
}

export interface Tally {
  series: number;
  /** Surges: series where the event was caught, and the delays (minutes) in those. */
  detected: number;
  delays: number[];
  /** Spike intervals overlapping the event window, and all others. */
  truePositives: number;
  falsePositives: number;
  /** Quiet shapes: series with a spike during the event (or within an hour after it). */
  flagged: number;
}

export function emptyTally(): Tally {
  return { series: 0, detected: 0, delays: [], truePositives: 0, falsePositives: 0, flagged: 0 };
}

/** A surge counts as caught if a spike starts by 5 minutes after it ends. */
const CATCH_GRACE = 5;
/** Spike intervals up to this long after a surge ends are the surge's tail, not false alarms. */
const TAIL_GRACE = 15;

export function evaluateBackground(
  seed: number,
  volume: Volume,
  options: DetectorOptions,
  tallies: Map<ScenarioName, Tally>,
): void {
  const background = makeBackground(seed, volume.peak);
  const warm = new SpikeDetector(START_MINUTE, options);
  for (let i = 0; i < SCORED_FROM; i++) warm.update(background.counts[i]!);

  volume.scenarios.forEach((name, s) => {
    const event = inject(background, name, seed * 31 + s + 7);
    const detector = warm.clone();
    const spike = new Uint8Array(WEEK);
    const expected = new Float64Array(WEEK);
    for (let k = 0; k < WEEK; k++) {
      const v = detector.update(event.counts[k]!);
      spike[k] = v.spike ? 1 : 0;
      expected[k] = v.expected;
    }
    const intervals = spikeIntervals(spike, event.counts, expected);
    const tally = tallies.get(name) ?? emptyTally();
    tallies.set(name, tally);
    tally.series++;
    if (name === "clean") {
      tally.falsePositives += intervals.length;
      return;
    }
    const windowEnd = event.shouldFlag ? event.end + TAIL_GRACE : event.end + 60;
    let firstSpike = -1;
    for (const interval of intervals) {
      const overlaps = interval.endIndex >= event.start && interval.startIndex < windowEnd;
      if (overlaps && event.shouldFlag) tally.truePositives++;
      else if (!overlaps) tally.falsePositives++;
    }
    for (let k = event.start; k < Math.min(WEEK, windowEnd); k++) {
      if (spike[k]) {
        firstSpike = k;
        break;
      }
    }
    if (event.shouldFlag) {
      if (firstSpike >= 0 && firstSpike < event.end + CATCH_GRACE) {
        tally.detected++;
        // Delay counts whole minutes of data needed: flagged on the surge's first minute = 1.
        tally.delays.push(firstSpike - event.start + 1);
      }
    } else if (firstSpike >= 0) {
      tally.flagged++;
    }
  });
}
