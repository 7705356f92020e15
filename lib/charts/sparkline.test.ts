import { describe, expect, it } from "vitest";

import { sparkGeometry, sparkline } from "./sparkline";

const flat = (counts: number[]) => counts.map((count) => ({ count, spike: false }));

describe("sparkline", () => {
  it("keeps a short series as it is", () => {
    expect(sparkline(flat([1, 2, 3]), 48)).toEqual(flat([1, 2, 3]));
    expect(sparkline([], 48)).toEqual([]);
  });

  it("sums consecutive buckets into at most the points asked for, keeping the total", () => {
    const points = sparkline(
      Array.from({ length: 100 }, (_, i) => ({ count: 1, spike: i === 57 })),
      24,
    );
    expect(points.length).toBeLessThanOrEqual(24);
    expect(points.reduce((sum, p) => sum + p.count, 0)).toBe(100);
    expect(points.filter((p) => p.spike)).toHaveLength(1);
    expect(points[0]).toEqual({ count: 5, spike: false });
  });

  it("draws zero at the bottom, the peak at the top, spikes and the last point marked", () => {
    const geometry = sparkGeometry(
      [
        { count: 0, spike: false },
        { count: 10, spike: true },
        { count: 5, spike: false },
      ],
      { width: 104, height: 24, inset: 2 },
    );
    expect(geometry.path).toBe("M2,22L52,2L102,12");
    expect(geometry.spikes).toEqual([{ x: 52, y: 2 }]);
    expect(geometry.last).toEqual({ x: 102, y: 12 });
    expect(geometry.max).toBe(10);
  });

  it("draws all zeros on the bottom line, one point as a flat line, none as nothing", () => {
    expect(sparkGeometry(flat([0, 0]), { width: 10, height: 10, inset: 0 }).path).toBe(
      "M0,10L10,10",
    );
    expect(sparkGeometry(flat([4]), { width: 20, height: 10, inset: 1 }).path).toBe("M1,1L19,1");
    expect(sparkGeometry([], { width: 20, height: 10 })).toEqual({
      path: "",
      spikes: [],
      last: null,
      max: 1,
    });
  });
});
