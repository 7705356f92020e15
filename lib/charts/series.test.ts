import { describe, expect, it } from "vitest";

import { codeLines, familyStacks } from "./series";
import type { SeriesInput, SeriesPointInput } from "./types";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-11-26T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

function points(counts: number[], extra: Partial<SeriesPointInput> = {}): SeriesPointInput[] {
  return counts.map((count, i) => ({
    t: iso(T0 + i * HOUR),
    count,
    expected: 1,
    upper: 5,
    spike: false,
    verdict: "settled",
    ...extra,
  }));
}

function response(series: { code: number; counts: number[] }[]): SeriesInput {
  return {
    interval: "1h",
    from: iso(T0),
    to: iso(T0 + 3 * HOUR),
    series: series.map(({ code, counts }) => ({ code, points: points(counts) })),
  };
}

const countsOf = (data: ReturnType<typeof codeLines>, key: string) =>
  data.rows.map((row) => row.cells[key]!.count);

describe("code lines", () => {
  const input = response([
    { code: 104, counts: [1, 1, 1] },
    { code: 50502, counts: [9, 40, 3] },
    { code: 12003, counts: [2, 2, 2] },
    { code: 3, counts: [1, 1, 1] },
  ]);

  it("show the busiest codes, busiest first, plotted at the middle of their buckets", () => {
    const data = codeLines(input, { timeZone: "UTC", limit: 2 });
    expect(data.series).toEqual([
      { key: "50502", label: "50502", color: 1 },
      { key: "12003", label: "12003", color: 2 },
    ]);
    expect(data.domain).toEqual({ from: T0, to: T0 + 3 * HOUR });
    expect(data.rows.map((row) => [row.t, row.end, row.x])).toEqual([
      [T0, T0 + HOUR, T0 + HOUR / 2],
      [T0 + HOUR, T0 + 2 * HOUR, T0 + 1.5 * HOUR],
      [T0 + 2 * HOUR, T0 + 3 * HOUR, T0 + 2.5 * HOUR],
    ]);
    expect(countsOf(data, "50502")).toEqual([9, 40, 3]);
  });

  it("sum the rest as one more series when asked, ties ranked by code", () => {
    const data = codeLines(input, { timeZone: "UTC", limit: 2, other: true, otherLabel: "其他" });
    expect(data.series.map((s) => [s.key, s.label, s.color])).toEqual([
      ["50502", "50502", 1],
      ["12003", "12003", 2],
      ["other", "其他", 0],
    ]);
    expect(countsOf(data, "other")).toEqual([2, 2, 2]);
    expect(codeLines(input, { timeZone: "UTC", limit: 3 }).series[2]!.key).toBe("3");
  });

  it("show exactly the codes asked for, zeros for one the response lacks", () => {
    const data = codeLines(input, { timeZone: "UTC", codes: [104, 99999] });
    expect(data.series.map((s) => s.key)).toEqual(["104", "99999"]);
    expect(countsOf(data, "99999")).toEqual([0, 0, 0]);
    expect(data.rows[0]!.cells["104"]).toEqual({
      count: 1,
      expected: 1,
      upper: 5,
      spike: false,
      verdict: "settled",
    });
  });

  it("have every bucket for an empty response, and no series", () => {
    const data = codeLines(response([]), { timeZone: "UTC" });
    expect(data.series).toEqual([]);
    expect(data.rows).toHaveLength(3);
  });

  it("cycle through eight colours", () => {
    const many = response(Array.from({ length: 10 }, (_, i) => ({ code: i, counts: [10 - i] })));
    const data = codeLines(many, { timeZone: "UTC", limit: 10 });
    expect(data.series.map((s) => s.color)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 1, 2]);
  });

  it("lay a day's buckets out in the zone of the request, 23 hours on New York's spring day", () => {
    const from = Date.parse("2026-03-08T05:00:00Z");
    const data = codeLines(
      {
        interval: "1d",
        from: iso(from),
        to: "2026-03-09T04:00:00.000Z",
        series: [{ code: 1, points: [{ ...points([7])[0]!, t: iso(from) }] }],
      },
      { timeZone: "America/New_York" },
    );
    expect(data.rows).toHaveLength(1);
    expect(data.rows[0]!.end - data.rows[0]!.t).toBe(23 * HOUR);
    expect(countsOf(data, "1")).toEqual([7]);
  });
});

describe("family stacks", () => {
  const families: Record<number, string> = { 50502: "network", 50503: "network", 1004: "pairing" };
  const input = response([
    { code: 50502, counts: [1, 2, 3] },
    { code: 1004, counts: [5, 5, 5] },
    { code: 50503, counts: [10, 0, 0] },
    { code: 777, counts: [1, 0, 0] },
  ]);

  it("sum codes per family in catalogue order, unknown codes last", () => {
    const data = familyStacks(input, {
      timeZone: "UTC",
      familyOf: (code) => families[code],
      labels: { network: "网络", pairing: "配网" },
    });
    expect(data.series).toEqual([
      { key: "pairing", label: "配网", color: 2 },
      { key: "network", label: "网络", color: 8 },
      { key: "unknown", label: "unknown", color: 0 },
    ]);
    expect(countsOf(data, "network")).toEqual([11, 2, 3]);
    expect(countsOf(data, "unknown")).toEqual([1, 0, 0]);
  });

  it("add expected values but drop the band of a sum", () => {
    const data = familyStacks(input, { timeZone: "UTC", familyOf: (code) => families[code] });
    expect(data.rows[0]!.cells.network).toEqual({
      count: 11,
      expected: 2,
      upper: null,
      spike: false,
      verdict: "settled",
    });
    expect(data.rows[0]!.cells.pairing!.upper).toBe(5);
  });
});
