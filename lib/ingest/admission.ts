/**
 * Keeping ingest within bounds: a per-key request rate (token bucket) and a cap on requests
 * worked on at once per process. Beyond either, a RateLimitedError (429 with Retry-After) at once,
 * instead of an unbounded queue that would eat memory and time out anyway.
 * Both are per process; with several instances the rate per key is at most instances × rate.
 */
import { RateLimitedError } from "../errors";

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class KeyRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst = perSecond * 2,
  ) {}

  /** Takes one request's token for `key`, or throws RateLimitedError. */
  take(key: string, nowMs = Date.now()): void {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedMs: nowMs };
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * this.perSecond,
    );
    bucket.updatedMs = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const waitSeconds = Math.ceil((1 - bucket.tokens) / this.perSecond);
      throw new RateLimitedError("Too many requests for this API key.", Math.max(1, waitSeconds));
    }
    bucket.tokens -= 1;
  }
}

export class InFlightGate {
  private active = 0;

  constructor(private readonly max: number) {}

  /** Runs `work` if a slot is free, else throws RateLimitedError without waiting. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) {
      throw new RateLimitedError("The server is busy. Retry shortly.", 1, "overloaded");
    }
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
    }
  }
}
