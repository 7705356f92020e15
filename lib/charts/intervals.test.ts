import { describe, expect, it } from "vitest";

import {
  allowedIntervals,
  bucketCount,
  chooseInterval,
  defaultInterval,
  MAX_BUCKETS,
  presetRange,
  RANGE_PRESETS,
  type RangePreset,
} from "./intervals";

const NOW = Date.parse("2026-11-26T14:05:30Z");
const preset = (name: RangePreset) => presetRange(name, NOW);

describe("intervals", () => {
  it("end a preset range at the minute after now, the current minute included", () => {
    expect(preset("1h")).toEqual({
      from: Date.parse("2026-11-26T13:06:00Z"),
      to: Date.parse("2026-11-26T14:06:00Z"),
    });
    expect(presetRange("1h", Date.parse("2026-11-26T14:05:00Z")).to).toBe(
      Date.parse("2026-11-26T14:06:00Z"),
    );
  });

  it("default to minutes for an hour or six, 5 minutes for a day, hours for a week or a month", () => {
    expect(defaultInterval(preset("1h"))).toBe("1m");
    expect(defaultInterval(preset("6h"))).toBe("1m");
    expect(defaultInterval(preset("24h"))).toBe("5m");
    expect(defaultInterval(preset("7d"))).toBe("1h");
    expect(defaultInterval(preset("30d"))).toBe("1h");
    expect(defaultInterval({ from: 0, to: 90 * 86_400_000 })).toBe("1d");
  });

  it("offer only intervals within the API's 2,000 buckets and no longer than the range", () => {
    expect(allowedIntervals(preset("1h"))).toEqual(["1m", "5m", "1h"]);
    expect(allowedIntervals(preset("24h"))).toEqual(["1m", "5m", "1h", "1d"]);
    expect(allowedIntervals(preset("7d"))).toEqual(["1h", "1d"]);
    expect(allowedIntervals(preset("30d"))).toEqual(["1h", "1d"]);
    expect(allowedIntervals({ from: 0, to: 400 * 86_400_000 })).toEqual(["1d"]);
    for (const name of Object.keys(RANGE_PRESETS) as RangePreset[]) {
      for (const interval of allowedIntervals(preset(name))) {
        expect(bucketCount(preset(name), interval)).toBeLessThanOrEqual(MAX_BUCKETS);
      }
    }
  });

  it("count buckets as the API does when it checks its limit", () => {
    expect(bucketCount({ from: 0, to: 2_000 * 300_000 }, "5m")).toBe(2_000);
    expect(bucketCount({ from: 0, to: 2_000 * 300_000 + 1 }, "5m")).toBe(2_001);
    expect(bucketCount({ from: 10, to: 10 }, "1m")).toBe(0);
  });

  it("keep an allowed interval the reader asked for and replace one the range cannot take", () => {
    expect(chooseInterval(preset("24h"), "1h")).toEqual({
      interval: "1h",
      allowed: ["1m", "5m", "1h", "1d"],
    });
    expect(chooseInterval(preset("7d"), "1m").interval).toBe("1h");
    expect(chooseInterval(preset("1h"), null).interval).toBe("1m");
  });

  it("still offer minutes for a range shorter than a minute", () => {
    expect(chooseInterval({ from: 0, to: 30_000 })).toEqual({ interval: "1m", allowed: ["1m"] });
  });
});
