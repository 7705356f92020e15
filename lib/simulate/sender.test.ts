import { describe, expect, it, vi } from "vitest";

import type { GeneratedEvent } from "./population";
import { EventSender, parseRetryAfter, SendError } from "./sender";

interface Sent {
  sentAt?: number;
  events: { eventId: string; code: number }[];
}

function generated(n: number, clockOffsetMs = 0, tag = "e"): GeneratedEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    event: { code: 50502, eventId: `${tag}-${i}`, timestamp: Date.now() + clockOffsetMs },
    atMs: Date.now(),
    clockOffsetMs,
  }));
}

const accepted = (body: Sent) =>
  new Response(JSON.stringify({ accepted: body.events.length, duplicates: 0, rejected: [] }), {
    status: 202,
  });

const problem = (status: number, detail: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: "about:blank", title: "x", status, detail }), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });

/** A fake server: `answer` decides per request; every body is kept. */
function fakeServer(answer: (body: Sent, n: number) => Response | Promise<Response>) {
  const bodies: Sent[] = [];
  const headers: Headers[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as Sent;
    bodies.push(body);
    headers.push(new Headers(init.headers));
    return answer(body, bodies.length);
  }) as typeof globalThis.fetch;
  return { fetch, bodies, headers };
}

function sender(
  fetch: typeof globalThis.fetch,
  extra: Partial<ConstructorParameters<typeof EventSender>[0]> = {},
) {
  const sleeps: number[] = [];
  const s = new EventSender({
    url: "http://cw.test/",
    key: "cw_test",
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
  return { sender: s, sleeps };
}

describe("the event sender", () => {
  it("sends batches of at most the batch size with the key, and counts the answers", async () => {
    const server = fakeServer((body) =>
      body.events.length === 7
        ? new Response(
            JSON.stringify({
              accepted: 5,
              duplicates: 1,
              rejected: [{ index: 0, error: "timestamp: too old" }],
            }),
            { status: 202 },
          )
        : accepted(body),
    );
    const { sender: s } = sender(server.fetch, { batchSize: 100 });
    await s.add(generated(307));
    await s.flush();
    expect(server.bodies.map((b) => b.events.length)).toEqual([100, 100, 100, 7]);
    expect(server.headers[0]!.get("authorization")).toBe("Bearer cw_test");
    expect(server.bodies[0]!.sentAt).toBeUndefined();
    expect(s.stats).toMatchObject({
      queued: 307,
      sent: 307,
      accepted: 305,
      duplicates: 1,
      rejected: 1,
      rejectedReasons: { "timestamp: too old": 1 },
      requests: 4,
      retries: 0,
    });
  });

  it("retries a 503 after its Retry-After, with the same eventIds", async () => {
    const server = fakeServer((body, n) =>
      n === 1 ? problem(503, "database unavailable", { "retry-after": "2" }) : accepted(body),
    );
    const { sender: s, sleeps } = sender(server.fetch);
    await s.add(generated(10));
    await s.flush();
    expect(sleeps[0]).toBe(2000);
    expect(server.bodies).toHaveLength(2);
    expect(server.bodies[1]!.events).toEqual(server.bodies[0]!.events);
    expect(s.stats).toMatchObject({ sent: 10, accepted: 10, requests: 2, retries: 1 });
  });

  it("retries network errors and gives up after the last attempt with a clear error", async () => {
    const server = fakeServer(() => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    });
    const { sender: s, sleeps } = sender(server.fetch, { maxAttempts: 4 });
    await s.add(generated(3));
    await expect(s.flush()).rejects.toThrow(
      /gave up on a batch of 3 events after 4 attempts.*ECONNREFUSED/,
    );
    expect(sleeps).toHaveLength(3);
    expect(sleeps[2]!).toBeGreaterThan(sleeps[0]!);
    expect(new Set(server.bodies.map((b) => JSON.stringify(b.events))).size).toBe(1);
  });

  it("stops at once when the key is refused", async () => {
    const server = fakeServer(() => problem(401, "Unknown or revoked API key."));
    const { sender: s } = sender(server.fetch, { batchSize: 5 });
    await s.add(generated(5));
    await expect(s.flush()).rejects.toThrow(/the key was refused \(401\)/);
    expect(server.bodies).toHaveLength(1);
    await expect(s.add(generated(5))).rejects.toBeInstanceOf(SendError);
  });

  it("sends a wrong-clock phone's events with a sentAt by that clock, stamped afresh on retry", async () => {
    const offset = 400 * 86_400_000;
    // The skewed batch is refused once; the retry comes 5 s later by a clock the sleep moves.
    let refused = false;
    const server = fakeServer((body) => {
      if (!refused && body.events[0]!.eventId.startsWith("skewed")) {
        refused = true;
        return problem(429, "slow down", { "retry-after": "5" });
      }
      return accepted(body);
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const { sender: s } = sender(server.fetch, {
        sleep: async (ms) => void vi.setSystemTime(Date.now() + ms),
      });
      await s.add([...generated(2, offset, "skewed"), ...generated(3, 0, "fine")]);
      await s.flush();
      const skewed = server.bodies.filter((b) => b.events[0]!.eventId.startsWith("skewed"));
      const fine = server.bodies.filter((b) => b.events[0]!.eventId.startsWith("fine"));
      expect(fine.every((b) => b.sentAt === undefined)).toBe(true);
      expect(skewed).toHaveLength(2);
      expect(skewed[1]!.sentAt! - skewed[0]!.sentAt!).toBeGreaterThanOrEqual(5_000);
      expect(Math.abs(skewed[1]!.sentAt! - (Date.now() + offset))).toBeLessThan(1_000);
      expect(s.stats.accepted).toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    let active = 0;
    let peak = 0;
    const server = fakeServer(async (body) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
      return accepted(body);
    });
    const { sender: s } = sender(server.fetch, { batchSize: 10, concurrency: 3 });
    await s.add(generated(200));
    await s.flush();
    expect(peak).toBe(3);
    expect(s.stats.accepted).toBe(200);
  });

  it("fails fast with a hint when nothing answers at the URL", async () => {
    const { sender: s } = sender((async () => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    }) as typeof fetch);
    await expect(s.probe()).rejects.toThrow(/cannot reach http:\/\/cw.test\/ \(ECONNREFUSED\)/);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).toBe(7000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
