import { describe, expect, it } from "vitest";

import { releaseMarkers } from "./releases";
import { spikeAreas } from "./spikes";
import { bucketEvents, change, pointSummary, tooltipContent } from "./tooltip";
import type { ChartCell, ChartData } from "./types";

const cell = (count: number, extra: Partial<ChartCell> = {}): ChartCell => ({
  count,
  expected: 4,
  upper: 9,
  spike: false,
  verdict: "settled",
  ...extra,
});

const T0 = Date.parse("2026-11-26T06:00:00Z");
const data: ChartData = {
  interval: "5m",
  domain: { from: T0, to: T0 + 600_000 },
  series: [
    { key: "50502", label: "50502", color: 1 },
    { key: "50503", label: "50503", color: 2 },
  ],
  rows: [
    { t: T0, end: T0 + 300_000, x: T0 + 150_000, cells: { "50502": cell(5), "50503": cell(1) } },
    {
      t: T0 + 300_000,
      end: T0 + 600_000,
      x: T0 + 450_000,
      cells: {
        "50502": cell(2),
        "50503": cell(20, { spike: true, verdict: "provisional" }),
      },
    },
  ],
};

describe("tooltip", () => {
  it("compares a count with its base, with no share when the base is 0", () => {
    expect(change(12, 8)).toEqual({ delta: 4, ratio: 0.5 });
    expect(change(3, 0)).toEqual({ delta: 3, ratio: null });
  });

  it("sums a point up against its expected value and the bucket before", () => {
    expect(pointSummary(cell(12, { expected: 8 }), 6)).toEqual({
      count: 12,
      expected: 8,
      vsExpected: { delta: 4, ratio: 0.5 },
      vsPrevious: { delta: 6, ratio: 1 },
      spike: false,
      verdict: "settled",
    });
  });

  it("leaves out what a point cannot be compared with", () => {
    const summary = pointSummary(cell(3, { expected: null, upper: null, verdict: "none" }));
    expect(summary.vsExpected).toBeNull();
    expect(summary.vsPrevious).toBeNull();
  });

  it("lists the series of a bucket, busiest first, with every number formatted", () => {
    const content = tooltipContent(data, 1, {
      timeZone: "Asia/Shanghai",
      locale: "en",
      previous: true,
    });
    expect(content?.title).toMatch(/^Nov 26, 14:05\s–\s14:10$/);
    expect(content?.entries).toEqual([
      {
        key: "50503",
        label: "50503",
        color: 2,
        count: "20",
        expected: "4",
        vsExpected: "+16 (+400%)",
        vsPrevious: "+19 (+1,900%)",
        spike: true,
        verdict: "provisional",
      },
      {
        key: "50502",
        label: "50502",
        color: 1,
        count: "2",
        expected: "4",
        vsExpected: "-2 (-50%)",
        vsPrevious: "-3 (-60%)",
        spike: false,
        verdict: "settled",
      },
    ]);
  });

  it("has no comparison with a bucket before the first, and nothing outside the rows", () => {
    const content = tooltipContent(data, 0, { timeZone: "UTC", locale: "zh", previous: true });
    expect(content?.entries.map((entry) => entry.vsPrevious)).toEqual([null, null]);
    expect(tooltipContent(data, 2, { timeZone: "UTC", locale: "zh" })).toBeNull();
  });

  it("names the codes spiking in a bucket and the versions first seen in it", () => {
    const areas = spikeAreas(
      [
        { code: 50502, start: "2026-11-26T06:01:00Z", end: "2026-11-26T06:20:00Z" },
        {
          code: 50503,
          start: "2026-11-26T06:04:00Z",
          end: "2026-11-26T06:06:00Z",
          verdict: "provisional",
        },
        { code: 104, start: "2026-11-26T06:05:00Z", end: "2026-11-26T06:09:00Z" },
      ],
      data.domain,
      { minWidthMs: 600_000 },
    );
    const markers = releaseMarkers(
      [
        { appVersion: "5.3.0", firstSeen: "2026-11-26T06:02:00Z" },
        { appVersion: "5.3.1", firstSeen: "2026-11-26T06:05:00Z" },
      ],
      data.domain,
      { minGapMs: 600_000 },
    );
    expect(bucketEvents(data.rows[0]!, areas, markers)).toEqual({
      spikes: [
        { code: 50502, provisional: false, ongoing: false },
        { code: 50503, provisional: true, ongoing: false },
      ],
      releases: ["5.3.0"],
    });
    expect(bucketEvents(data.rows[1]!, areas, markers).releases).toEqual(["5.3.1"]);
    expect(bucketEvents(data.rows[1]!, areas, markers).spikes.map((s) => s.code)).toEqual([
      50502, 50503, 104,
    ]);
  });
});
