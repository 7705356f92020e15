import { describe, expect, it } from "vitest";

import { bucketSpans, fillGaps, spanIndex, sumCells } from "./buckets";
import type { SeriesPointInput } from "./types";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

function point(t: string, count: number, extra: Partial<SeriesPointInput> = {}): SeriesPointInput {
  return { t, count, expected: 2, upper: 6, spike: false, verdict: "settled", ...extra };
}

describe("bucket spans", () => {
  it("widen a range to whole UTC buckets", () => {
    const spans = bucketSpans(
      { from: at("2026-11-26T14:03:00Z"), to: at("2026-11-26T14:21:00Z") },
      "5m",
      "Asia/Shanghai",
    );
    expect(spans.map((s) => iso(s.t))).toEqual([
      "2026-11-26T14:00:00.000Z",
      "2026-11-26T14:05:00.000Z",
      "2026-11-26T14:10:00.000Z",
      "2026-11-26T14:15:00.000Z",
      "2026-11-26T14:20:00.000Z",
    ]);
    expect(spans[4]!.end).toBe(at("2026-11-26T14:25:00Z"));
  });

  it("keep hours on UTC hours in a zone half an hour off them", () => {
    const spans = bucketSpans(
      { from: at("2026-11-26T00:00:00Z"), to: at("2026-11-26T03:00:00Z") },
      "1h",
      "Asia/Kolkata",
    );
    expect(spans.map((s) => iso(s.t))).toEqual([
      "2026-11-26T00:00:00.000Z",
      "2026-11-26T01:00:00.000Z",
      "2026-11-26T02:00:00.000Z",
    ]);
  });

  it("cut days at Shanghai's midnight, 24 hours each", () => {
    const spans = bucketSpans(
      { from: at("2026-11-25T16:00:00Z"), to: at("2026-11-27T16:00:00Z") },
      "1d",
      "Asia/Shanghai",
    );
    expect(spans).toEqual([
      { t: at("2026-11-25T16:00:00Z"), end: at("2026-11-26T16:00:00Z") },
      { t: at("2026-11-26T16:00:00Z"), end: at("2026-11-27T16:00:00Z") },
    ]);
  });

  it("make New York's days 23 and 25 hours long when the clocks change", () => {
    const spring = bucketSpans(
      { from: at("2026-03-07T05:00:00Z"), to: at("2026-03-10T04:00:00Z") },
      "1d",
      "America/New_York",
    );
    expect(spring.map((s) => (s.end - s.t) / HOUR)).toEqual([24, 23, 24]);
    const autumn = bucketSpans(
      { from: at("2026-10-31T04:00:00Z"), to: at("2026-11-03T05:00:00Z") },
      "1d",
      "America/New_York",
    );
    expect(autumn.map((s) => (s.end - s.t) / HOUR)).toEqual([24, 25, 24]);
    expect(iso(autumn[2]!.t)).toBe("2026-11-02T05:00:00.000Z");
  });

  it("widen a range that starts mid-day to the whole day in the zone", () => {
    const spans = bucketSpans(
      { from: at("2026-11-26T03:00:00Z"), to: at("2026-11-26T20:00:00Z") },
      "1d",
      "Asia/Shanghai",
    );
    expect(spans.map((s) => iso(s.t))).toEqual([
      "2026-11-25T16:00:00.000Z",
      "2026-11-26T16:00:00.000Z",
    ]);
  });

  it("are empty for an empty or unreadable range", () => {
    expect(bucketSpans({ from: 5, to: 5 }, "1m", "UTC")).toEqual([]);
    expect(bucketSpans({ from: NaN, to: 5 }, "1d", "UTC")).toEqual([]);
  });

  it("find the span that holds an instant, ends excluded", () => {
    const spans = bucketSpans({ from: 0, to: 3 * HOUR }, "1h", "UTC");
    expect(spanIndex(spans, 0)).toBe(0);
    expect(spanIndex(spans, HOUR - 1)).toBe(0);
    expect(spanIndex(spans, HOUR)).toBe(1);
    expect(spanIndex(spans, 3 * HOUR)).toBe(-1);
    expect(spanIndex(spans, -1)).toBe(-1);
    expect(spanIndex([], 0)).toBe(-1);
  });
});

describe("gap filling", () => {
  const spans = bucketSpans(
    { from: at("2026-11-26T14:00:00Z"), to: at("2026-11-26T14:04:00Z") },
    "1m",
    "UTC",
  );

  it("gives every bucket a cell, zero events and no verdict where a point is missing", () => {
    const cells = fillGaps(
      [point("2026-11-26T14:01:00Z", 5), point("2026-11-26T14:03:00Z", 1)],
      spans,
    );
    expect(cells.map((c) => c.count)).toEqual([0, 5, 0, 1]);
    expect(cells[0]).toEqual({
      count: 0,
      expected: null,
      upper: null,
      spike: false,
      verdict: "none",
    });
    expect(cells[1]).toEqual({
      count: 5,
      expected: 2,
      upper: 6,
      spike: false,
      verdict: "settled",
    });
  });

  it("gives an empty series all zeros, and one point its bucket", () => {
    expect(fillGaps([], spans).map((c) => c.count)).toEqual([0, 0, 0, 0]);
    expect(fillGaps([point("2026-11-26T14:02:00Z", 7)], spans).map((c) => c.count)).toEqual([
      0, 0, 7, 0,
    ]);
  });

  it("drops points outside the range and lays points off a boundary into their bucket", () => {
    const cells = fillGaps(
      [
        point("2026-11-26T13:59:00Z", 100),
        point("2026-11-26T14:04:00Z", 100),
        point("2026-11-26T14:02:30Z", 3),
      ],
      spans,
    );
    expect(cells.map((c) => c.count)).toEqual([0, 0, 3, 0]);
  });

  it("has no expected value where the detector has no verdict", () => {
    const [cell] = fillGaps(
      [point("2026-11-26T14:00:00Z", 4, { expected: 0, upper: null, verdict: "none" })],
      spans,
    );
    expect(cell).toMatchObject({ count: 4, expected: null, upper: null, verdict: "none" });
  });

  it("sums finer points into one bucket, with the least trusted verdict and no band", () => {
    const hour = bucketSpans(
      { from: at("2026-11-26T14:00:00Z"), to: at("2026-11-26T15:00:00Z") },
      "1h",
      "UTC",
    );
    const [cell] = fillGaps(
      [
        point("2026-11-26T14:00:00Z", 4),
        point("2026-11-26T14:05:00Z", 6, { spike: true, verdict: "provisional", expected: 1.5 }),
        point("2026-11-26T14:10:00Z", 1, { expected: 0, upper: null, verdict: "none" }),
      ],
      hour,
    );
    expect(cell).toEqual({
      count: 11,
      expected: 3.5,
      upper: null,
      spike: true,
      verdict: "provisional",
    });
  });
});

describe("summed cells", () => {
  it("keep a single cell as it is, band included", () => {
    const cell = { count: 3, expected: 2, upper: 6, spike: false, verdict: "settled" as const };
    expect(sumCells([cell])).toEqual(cell);
    expect(sumCells([cell])).not.toBe(cell);
  });

  it("have no verdict and no expected value when no part has one", () => {
    const none = { count: 2, expected: null, upper: null, spike: false, verdict: "none" as const };
    expect(sumCells([none, none])).toEqual({ ...none, count: 4 });
    expect(sumCells([])).toMatchObject({ count: 0, verdict: "none" });
  });
});
