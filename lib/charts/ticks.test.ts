import { describe, expect, it } from "vitest";

import { instantToWall } from "../time/time-zone";
import { maxTicksForWidth, ticksOf, timeTicks, type TimeTick } from "./ticks";

const at = (iso: string) => Date.parse(iso);
/** Ticks as the wall clock of `timeZone` shows them, "2026-11-26 14:00". */
const wall = (ticks: TimeTick[], timeZone: string) =>
  ticks.map((tick) =>
    new Date(instantToWall(tick.t, timeZone)).toISOString().slice(0, 16).replace("T", " "),
  );

describe("time ticks", () => {
  it("fall on whole hours of Shanghai over a day, the day's first tick showing the date", () => {
    const domain = { from: at("2026-11-26T06:05:00Z"), to: at("2026-11-27T06:05:00Z") };
    const { step, ticks } = timeTicks(domain, { timeZone: "Asia/Shanghai", maxTicks: 12 });
    expect(step).toEqual({ unit: "hour", count: 2 });
    expect(wall(ticks, "Asia/Shanghai")).toEqual([
      "2026-11-26 16:00",
      "2026-11-26 18:00",
      "2026-11-26 20:00",
      "2026-11-26 22:00",
      "2026-11-27 00:00",
      "2026-11-27 02:00",
      "2026-11-27 04:00",
      "2026-11-27 06:00",
      "2026-11-27 08:00",
      "2026-11-27 10:00",
      "2026-11-27 12:00",
      "2026-11-27 14:00",
    ]);
    expect(ticks.map((tick) => tick.kind)).toEqual([
      "time",
      "time",
      "time",
      "time",
      "day",
      ...Array(7).fill("time"),
    ]);
  });

  it("fall on the viewer's whole hours in a zone half an hour off UTC", () => {
    const domain = { from: at("2026-11-26T00:00:00Z"), to: at("2026-11-26T04:00:00Z") };
    const { ticks } = timeTicks(domain, { timeZone: "Asia/Kolkata", maxTicks: 4 });
    expect(ticks.map((tick) => new Date(tick.t).toISOString().slice(11, 16))).toEqual([
      "00:30",
      "01:30",
      "02:30",
      "03:30",
    ]);
  });

  it("skip the hour New York's clocks jump over", () => {
    const domain = { from: at("2026-03-08T05:00:00Z"), to: at("2026-03-08T10:00:00Z") };
    const { step, ticks } = timeTicks(domain, { timeZone: "America/New_York", maxTicks: 8 });
    expect(step).toEqual({ unit: "hour", count: 1 });
    expect(wall(ticks, "America/New_York")).toEqual([
      "2026-03-08 00:00",
      "2026-03-08 01:00",
      "2026-03-08 03:00",
      "2026-03-08 04:00",
      "2026-03-08 05:00",
      "2026-03-08 06:00",
    ]);
  });

  it("show New York's repeated hour once", () => {
    const domain = { from: at("2026-11-01T04:00:00Z"), to: at("2026-11-01T09:00:00Z") };
    const { ticks } = timeTicks(domain, { timeZone: "America/New_York", maxTicks: 6 });
    expect(wall(ticks, "America/New_York")).toEqual([
      "2026-11-01 00:00",
      "2026-11-01 01:00",
      "2026-11-01 02:00",
      "2026-11-01 03:00",
      "2026-11-01 04:00",
    ]);
  });

  it("cross midnight with date ticks at each of the zone's midnights", () => {
    const domain = { from: at("2026-11-25T16:00:00Z"), to: at("2026-11-28T16:00:00Z") };
    const { step, ticks } = timeTicks(domain, { timeZone: "Asia/Shanghai", maxTicks: 7 });
    expect(step).toEqual({ unit: "hour", count: 12 });
    expect(ticks.filter((tick) => tick.kind === "day").map((tick) => tick.t)).toEqual([
      at("2026-11-25T16:00:00Z"),
      at("2026-11-26T16:00:00Z"),
      at("2026-11-27T16:00:00Z"),
      at("2026-11-28T16:00:00Z"),
    ]);
  });

  it("use Mondays for a month and months for a year", () => {
    const month = timeTicks(
      { from: at("2026-11-01T00:00:00Z"), to: at("2026-12-01T00:00:00Z") },
      { timeZone: "UTC", maxTicks: 6 },
    );
    expect(month.step.unit).toBe("week");
    expect(month.ticks.map((tick) => new Date(tick.t).getUTCDay())).toEqual([1, 1, 1, 1, 1]);
    const year = timeTicks(
      { from: at("2025-11-15T00:00:00Z"), to: at("2026-11-15T00:00:00Z") },
      { timeZone: "Asia/Shanghai", maxTicks: 6 },
    );
    expect(year.step).toEqual({ unit: "month", count: 3 });
    expect(wall(year.ticks, "Asia/Shanghai")).toEqual([
      "2026-01-01 00:00",
      "2026-04-01 00:00",
      "2026-07-01 00:00",
      "2026-10-01 00:00",
    ]);
    expect(year.ticks.every((tick) => tick.kind === "month")).toBe(true);
  });

  it("are no finer than the buckets", () => {
    const { step, ticks } = timeTicks(
      { from: at("2026-11-25T16:00:00Z"), to: at("2026-11-28T16:00:00Z") },
      { timeZone: "Asia/Shanghai", maxTicks: 20, minStepMs: 86_400_000 },
    );
    expect(step).toEqual({ unit: "day", count: 1 });
    expect(ticks).toHaveLength(4);
  });

  it("put a day tick at the first instant of a day whose midnight is skipped", () => {
    const ticks = ticksOf(
      { unit: "day", count: 1 },
      { from: at("2026-09-05T12:00:00Z"), to: at("2026-09-06T12:00:00Z") },
      "America/Santiago",
    );
    expect(ticks).toEqual([{ t: at("2026-09-06T04:00:00Z"), kind: "day" }]);
  });

  it("stay within the domain, ascending and within the limit, whatever the zone and range", () => {
    const zones = [
      "UTC",
      "Asia/Shanghai",
      "America/New_York",
      "Asia/Kolkata",
      "Australia/Lord_Howe",
    ];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 200; i++) {
      const from = at("2026-01-01T00:00:00Z") + Math.floor(random() * 365 * 86_400_000);
      const to = from + Math.floor(random() ** 3 * 400 * 86_400_000) + 60_000;
      const maxTicks = 2 + Math.floor(random() * 14);
      const timeZone = zones[i % zones.length]!;
      const { ticks } = timeTicks({ from, to }, { timeZone, maxTicks });
      expect(ticks.length).toBeLessThanOrEqual(maxTicks);
      expect(ticks.length).toBeGreaterThanOrEqual(1);
      ticks.forEach((tick, j) => {
        expect(tick.t).toBeGreaterThanOrEqual(from);
        expect(tick.t).toBeLessThanOrEqual(to);
        if (j > 0) expect(tick.t).toBeGreaterThan(ticks[j - 1]!.t);
      });
    }
  });

  it("thin the finer step when the one that fits leaves fewer than two ticks", () => {
    const domain = { from: at("2026-01-03T00:00:00Z"), to: at("2026-01-20T00:00:00Z") };
    const { step, ticks } = timeTicks(domain, { timeZone: "UTC", maxTicks: 2 });
    expect(step.unit).toBe("week");
    expect(wall(ticks, "UTC")).toEqual(["2026-01-05 00:00", "2026-01-19 00:00"]);
  });

  it("are none for a range that is not finite", () => {
    expect(timeTicks({ from: 0, to: Infinity }, { timeZone: "UTC", maxTicks: 5 }).ticks).toEqual(
      [],
    );
  });

  it("fit the width: one every 72 px, at least 2", () => {
    expect(maxTicksForWidth(800)).toBe(11);
    expect(maxTicksForWidth(60)).toBe(2);
    expect(maxTicksForWidth(800, 100)).toBe(8);
  });
});
