import { describe, expect, it } from "vitest";

import { DRIFT_TOLERANCE_MS, measureDrift, placeInTime } from "./clock";

const received = Date.parse("2026-11-26T10:00:00Z");

describe("clock drift", () => {
  it("is unknown without sentAt, and nothing is shifted", () => {
    expect(measureDrift(received, undefined)).toEqual({ driftMs: null, shiftMs: 0 });
  });

  it("is measured but not applied within the tolerance", () => {
    const sentAt = received - (DRIFT_TOLERANCE_MS - 1000);
    expect(measureDrift(received, sentAt)).toEqual({
      driftMs: DRIFT_TOLERANCE_MS - 1000,
      shiftMs: 0,
    });
  });

  it("shifts every timestamp by the drift of a phone whose clock is a day behind", () => {
    const dayMs = 86_400_000;
    const correction = measureDrift(received, received - dayMs);
    expect(correction).toEqual({ driftMs: dayMs, shiftMs: dayMs });
    const verdict = placeInTime(received - dayMs - 60_000, received, correction, 30);
    expect(verdict).toEqual({ ok: true, occurredAtMs: received - 60_000 });
  });

  it("corrects a clock that runs ahead (negative drift)", () => {
    const ahead = Date.parse("2027-01-01T00:00:00Z");
    const correction = measureDrift(received, ahead);
    expect(correction.shiftMs).toBeLessThan(0);
    const verdict = placeInTime(ahead, received, correction, 30);
    expect(verdict).toEqual({ ok: true, occurredAtMs: received });
  });
});

describe("placeInTime", () => {
  const none = { driftMs: null, shiftMs: 0 };

  it("uses the time of receipt when an event has no timestamp", () => {
    expect(placeInTime(undefined, received, none, 30)).toEqual({
      ok: true,
      occurredAtMs: received,
    });
  });

  it("rejects an event still in the future after correction", () => {
    const verdict = placeInTime(received + 10 * 60_000, received, none, 30);
    expect(verdict.ok).toBe(false);
  });

  it("rejects an event older than raw retention", () => {
    const verdict = placeInTime(received - 31 * 86_400_000, received, none, 30);
    expect(verdict).toEqual({ ok: false, error: "timestamp: older than the 30-day raw retention" });
  });
});
