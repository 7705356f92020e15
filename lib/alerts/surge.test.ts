import { describe, expect, it } from "vitest";

import {
  backToBaseline,
  mergePastSpikes,
  ongoingSurge,
  resolutionBaseline,
  rhythmReferences,
  thresholdSurge,
  type MinutePoint,
} from "./surge";

const point = (minute: number, count: number, spike = false, expected = 1.5): MinutePoint => ({
  minute,
  count,
  expected,
  spike,
  provisional: minute >= 105,
});

describe("ongoingSurge", () => {
  it("starts at the first unusual minute before the detector's first spike minute", () => {
    const points = [
      ...Array.from({ length: 8 }, (_, i) => point(100 + i, 1)),
      point(108, 40),
      point(109, 75, true),
      point(110, 20, true),
    ];
    const surge = ongoingSurge(points, 110)!;
    expect(surge.startMinute).toBe(108);
    expect(surge.lastMinute).toBe(110);
    expect(surge.peak).toBe(75);
    expect(surge.peakMinute).toBe(109);
    expect(surge.events).toBe(135);
    expect(surge.baselinePerMinute).toBe(1.5);
    expect(surge.excess).toBeCloseTo(135 - 4.5);
    expect(surge.provisional).toBe(true);
  });

  it("keeps an ordinary minute before the spike out of it", () => {
    const points = [point(107, 3), point(108, 2), point(109, 75, true), point(110, 70, true)];
    expect(ongoingSurge(points, 110)!.startMinute).toBe(109);
  });

  it("merges spike minutes a short dip apart, and is over once the last is old", () => {
    const points = [point(100, 60, true), point(101, 2), point(102, 2), point(103, 70, true)];
    expect(ongoingSurge(points, 104)!.startMinute).toBe(100);
    expect(ongoingSurge(points, 106)).toBeNull();
    expect(ongoingSurge([point(100, 1), point(101, 2)], 101)).toBeNull();
  });
});

describe("backToBaseline", () => {
  it("is quiet near the frozen baseline and not while counts stay high", () => {
    expect(backToBaseline([2, 1, 3, 0, 2, 1, 2, 1, 2, 1], 1.5)).toBe(true);
    expect(backToBaseline([9, 8, 10, 7, 9, 8, 9, 10, 8, 9], 1.5)).toBe(false);
    // A code near zero: a handful of events is quiet, dozens are not.
    expect(backToBaseline([0, 1, 0, 0, 2, 0, 0, 1, 0, 0], 0.05)).toBe(true);
    expect(backToBaseline([3, 2, 4, 3, 2, 3, 2, 3, 4, 2], 0.05)).toBe(false);
  });
});

describe("resolutionBaseline", () => {
  it("follows the code's rhythm up from the frozen baseline, the smaller of two days, at most twice", () => {
    // A day and a week earlier: 58 and 46 events in these ten minutes against 28 before 05:00.
    expect(resolutionBaseline(4, [{ now: 58, atStart: 28 }])).toBe(8);
    expect(
      resolutionBaseline(4, [
        { now: 58, atStart: 28 },
        { now: 43, atStart: 28 },
      ]),
    ).toBe(6);
    // Yesterday's own surge at this time is not rhythm: last week's reading wins.
    expect(
      resolutionBaseline(4, [
        { now: 900, atStart: 28 },
        { now: 43, atStart: 28 },
      ]),
    ).toBe(6);
    // Evening: traffic falls below the frozen baseline; that stays the bar.
    expect(resolutionBaseline(4, [{ now: 10, atStart: 28 }])).toBe(4);
    // A steeper ramp: no more than ×2. No history, or none usable: the frozen baseline.
    expect(resolutionBaseline(4, [{ now: 500, atStart: 28 }])).toBe(8);
    expect(resolutionBaseline(4, [{ now: 0, atStart: 0 }])).toBe(4);
    expect(resolutionBaseline(4, [])).toBe(4);
  });
});

describe("rhythmReferences", () => {
  const DAY = 1_440;
  it("reads the quiet minutes and those before the surge a day and a week earlier", () => {
    expect(rhythmReferences(1_000_000, [1_000_050, 1_000_060])).toEqual([
      { now: [1_000_050 - DAY, 1_000_060 - DAY], atStart: [999_990 - DAY, 1_000_000 - DAY] },
      {
        now: [1_000_050 - 7 * DAY, 1_000_060 - 7 * DAY],
        atStart: [999_990 - 7 * DAY, 1_000_000 - 7 * DAY],
      },
    ]);
  });

  it("leaves out a day whose window reaches into the incident (open for over a day)", () => {
    const refs = rhythmReferences(1_000_000, [1_000_000 + DAY + 50, 1_000_000 + DAY + 60]);
    expect(refs.map((r) => r.now[0])).toEqual([1_000_050 + DAY - 7 * DAY]);
    expect(rhythmReferences(1_000_000, [1_000_000 + 8 * DAY, 1_000_000 + 8 * DAY + 10])).toEqual(
      [],
    );
  });
});

describe("thresholdSurge", () => {
  const rule = (metric: "count" | "share", threshold: number) => ({
    metric,
    threshold,
    windowMinutes: 3,
  });
  const points = [point(100, 50), point(101, 10), point(102, 20), point(103, 30)];

  it("counts the last window's events", () => {
    expect(thresholdSurge(rule("count", 60), points, [])).toMatchObject({
      startMinute: 101,
      events: 60,
      peak: 30,
      peakMinute: 103,
    });
    expect(thresholdSurge(rule("count", 61), points, [])).toBeNull();
  });

  it("weighs a share against every code's events in the same minutes", () => {
    // The window's 60 events of 200 in all: a 30% share.
    const totals = [500, 50, 50, 100];
    expect(thresholdSurge(rule("share", 0.3), points, totals)).not.toBeNull();
    expect(thresholdSurge(rule("share", 0.31), points, totals)).toBeNull();
    // Without the totals there is no share to reach.
    expect(thresholdSurge(rule("share", 0.3), points, [])).toBeNull();
  });
});

describe("mergePastSpikes", () => {
  const spike = (code: number, start: string, end: string, peak: number) => ({
    code,
    start: `2026-11-25T${start}:00.000Z`,
    end: `2026-11-25T${end}:00.000Z`,
    peakPerMinute: peak,
    expectedPerMinute: 0.1,
    verdict: "settled" as const,
  });

  it("makes one surge of a code's spikes closer than the gap, as one live incident would be", () => {
    // A broken load-balancer node, seen by a slow fleet: five intervals over 75 minutes.
    const parts = [
      spike(50502, "02:21", "02:26", 8),
      spike(50502, "02:28", "02:45", 12),
      spike(50502, "02:50", "02:55", 6),
      spike(50502, "02:58", "03:20", 10),
      spike(50502, "03:35", "03:36", 4),
    ];
    expect(mergePastSpikes(parts, 25)).toEqual([
      { ...parts[0], end: "2026-11-25T03:36:00.000Z", peakPerMinute: 12 },
    ]);
  });

  it("keeps spikes further apart, and other codes' spikes, apart", () => {
    const parts = [
      spike(50502, "02:00", "02:10", 8),
      spike(1006, "02:05", "02:20", 30),
      spike(50502, "02:35", "02:40", 9),
    ];
    expect(mergePastSpikes(parts, 25).map((s) => [s.code, s.start.slice(11, 16)])).toEqual([
      [1006, "02:05"],
      [50502, "02:00"],
      [50502, "02:35"],
    ]);
  });
});
