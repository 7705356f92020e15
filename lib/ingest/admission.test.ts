import { describe, expect, it } from "vitest";

import { RateLimitedError } from "../errors";
import { InFlightGate, KeyRateLimiter } from "./admission";

describe("KeyRateLimiter", () => {
  it("allows a burst, then refuses with a retry time, then refills", () => {
    const limiter = new KeyRateLimiter(2, 3);
    for (let i = 0; i < 3; i++) limiter.take("k", 0);
    try {
      limiter.take("k", 0);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterSeconds).toBe(1);
    }
    expect(() => limiter.take("other", 0)).not.toThrow();
    expect(() => limiter.take("k", 600)).not.toThrow();
  });
});

describe("InFlightGate", () => {
  it("refuses work beyond its capacity at once and frees slots when work ends", async () => {
    const gate = new InFlightGate(1);
    let release!: () => void;
    const first = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(gate.run(async () => 1)).rejects.toMatchObject({
      kind: "rate-limited",
      slug: "overloaded",
    });
    release();
    await first;
    await expect(gate.run(async () => 2)).resolves.toBe(2);
  });
});
