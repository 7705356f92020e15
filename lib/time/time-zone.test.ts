import { describe, expect, it } from "vitest";

import {
  addDays,
  instantToWall,
  isTimeZone,
  startOfDay,
  wallExists,
  wallToInstant,
  zoneOffset,
} from "./time-zone";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe("time zones", () => {
  it("know Asia/Shanghai as UTC+8 all year (no daylight saving)", () => {
    expect(zoneOffset(at("2026-01-15T00:00:00Z"), "Asia/Shanghai")).toBe(8 * HOUR);
    expect(zoneOffset(at("2026-07-15T00:00:00Z"), "Asia/Shanghai")).toBe(8 * HOUR);
  });

  it("follow New York's clocks across daylight saving", () => {
    expect(zoneOffset(at("2026-03-08T06:59:59Z"), "America/New_York")).toBe(-5 * HOUR);
    expect(zoneOffset(at("2026-03-08T07:00:00Z"), "America/New_York")).toBe(-4 * HOUR);
    expect(zoneOffset(at("2026-11-01T05:59:59Z"), "America/New_York")).toBe(-4 * HOUR);
    expect(zoneOffset(at("2026-11-01T06:00:00Z"), "America/New_York")).toBe(-5 * HOUR);
  });

  it("read the wall clock to the millisecond", () => {
    expect(instantToWall(at("2026-11-26T06:05:07.250Z"), "Asia/Shanghai")).toBe(
      at("2026-11-26T14:05:07.250Z"),
    );
    expect(instantToWall(at("2026-11-26T06:05:00Z"), "UTC")).toBe(at("2026-11-26T06:05:00Z"));
  });

  it("take a repeated wall time (clocks set back) at its first occurrence", () => {
    expect(wallToInstant(at("2026-11-01T01:30:00Z"), "America/New_York")).toBe(
      at("2026-11-01T05:30:00Z"),
    );
  });

  it("move a skipped wall time (clocks set forward) past the gap", () => {
    expect(wallToInstant(at("2026-03-08T02:30:00Z"), "America/New_York")).toBe(
      at("2026-03-08T07:30:00Z"),
    );
    expect(wallExists(at("2026-03-08T02:30:00Z"), "America/New_York")).toBe(false);
    expect(wallExists(at("2026-03-08T03:30:00Z"), "America/New_York")).toBe(true);
  });

  it("begin a day at midnight, or at the first instant when midnight is skipped", () => {
    expect(startOfDay(at("2026-11-26T03:00:00Z"), "Asia/Shanghai")).toBe(
      at("2026-11-25T16:00:00Z"),
    );
    // Chile sets its clocks from 00:00 to 01:00 on 6 September 2026.
    expect(startOfDay(at("2026-09-06T12:00:00Z"), "America/Santiago")).toBe(
      at("2026-09-06T04:00:00Z"),
    );
    expect(instantToWall(at("2026-09-06T04:00:00Z"), "America/Santiago")).toBe(
      at("2026-09-06T01:00:00Z"),
    );
  });

  it("make days 23 and 25 hours long when New York's clocks change", () => {
    const march8 = startOfDay(at("2026-03-08T12:00:00Z"), "America/New_York");
    expect(march8).toBe(at("2026-03-08T05:00:00Z"));
    expect(addDays(march8, 1, "America/New_York") - march8).toBe(23 * HOUR);
    const november1 = startOfDay(at("2026-11-01T12:00:00Z"), "America/New_York");
    expect(addDays(november1, 1, "America/New_York") - november1).toBe(25 * HOUR);
    expect(addDays(november1, -1, "America/New_York")).toBe(at("2026-10-31T04:00:00Z"));
  });

  it("tell IANA names from others", () => {
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
