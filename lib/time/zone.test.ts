import { describe, expect, it } from "vitest";

import { dayBoundaries, isTimeZone, offsetMinutes } from "./zone";

const minutes = (iso: string) => Date.parse(iso) / 60_000;
const iso = (minute: number) => new Date(minute * 60_000).toISOString();

describe("day boundaries in a time zone", () => {
  it("begins Shanghai's days at 16:00 UTC the day before", () => {
    const bounds = dayBoundaries(
      "Asia/Shanghai",
      Date.parse("2026-11-28T03:00:00Z"),
      Date.parse("2026-11-30T05:00:00Z"),
    );
    expect(bounds.map(iso)).toEqual([
      "2026-11-27T16:00:00.000Z",
      "2026-11-28T16:00:00.000Z",
      "2026-11-29T16:00:00.000Z",
      "2026-11-30T16:00:00.000Z",
    ]);
  });

  it("makes New York's spring-forward day 23 hours and its fall-back day 25", () => {
    const spring = dayBoundaries(
      "America/New_York",
      Date.parse("2026-03-08T12:00:00Z"),
      Date.parse("2026-03-08T13:00:00Z"),
    );
    expect(spring.map(iso)).toEqual(["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    expect(spring[1]! - spring[0]!).toBe(23 * 60);
    const fall = dayBoundaries(
      "America/New_York",
      Date.parse("2026-11-01T12:00:00Z"),
      Date.parse("2026-11-01T13:00:00Z"),
    );
    expect(fall[1]! - fall[0]!).toBe(25 * 60);
  });

  it("keeps UTC days whole and handles half-hour zones", () => {
    expect(
      dayBoundaries("UTC", Date.parse("2026-11-30T10:00:00Z"), Date.parse("2026-12-01T00:00:00Z")),
    ).toEqual([minutes("2026-11-30T00:00:00Z"), minutes("2026-12-01T00:00:00Z")]);
    expect(
      dayBoundaries(
        "Asia/Kolkata",
        Date.parse("2026-11-30T10:00:00Z"),
        Date.parse("2026-11-30T11:00:00Z"),
      ).map(iso),
    ).toEqual(["2026-11-29T18:30:00.000Z", "2026-11-30T18:30:00.000Z"]);
  });

  it("begins a day whose midnight does not exist at its first minute", () => {
    // Chile (America/Santiago) springs forward at 00:00: 2026-09-06 begins at 01:00 local.
    const bounds = dayBoundaries(
      "America/Santiago",
      Date.parse("2026-09-06T12:00:00Z"),
      Date.parse("2026-09-06T13:00:00Z"),
    );
    expect(offsetMinutes("America/Santiago", bounds[0]! * 60_000)).toBe(-180);
    expect(bounds[1]! - bounds[0]!).toBe(23 * 60);
  });

  it("knows IANA names and refuses others", () => {
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
