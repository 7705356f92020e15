/**
 * GET /api/v1/diagnosis against a real database: a certificate expiry played by the simulator
 * (three hours of normal 50502 from the fleet, then the expiry), sent over real HTTP by the
 * simulator's own sender (wrong clocks with their sentAt), is diagnosed as an expired server
 * certificate, with a step at its notAfter minute for onset; bad input is a problem naming the
 * field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { GeneratedEvent } from "@/lib/simulate/population";
import { createTraffic } from "@/lib/simulate/scenarios";
import { EventSender } from "@/lib/simulate/sender";
import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { fleetZoneWithLocalHour } from "@/test/support/fleet";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";

const MINUTE = 60_000;
let fixture: IngestFixture;
let server: RouteServer;
let readKey: string;
/** The minute of the first 50502 sent (server clock): where a baseline younger than a day starts. */
let firstEventMinuteMs: number;
/** The certificate's notAfter: 20 minutes ago, at 15 seconds past a minute. */
const surgeStart = Math.floor(Date.now() / MINUTE) * MINUTE - 20 * MINUTE + 15_000;

async function diagnosis(query: string, key = readKey) {
  return fetch(`${server.url}/api/v1/diagnosis?${query}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
}

beforeAll(async () => {
  fixture = await startIngestFixture({ env: { CW_INGEST_REQUESTS_PER_SECOND: "10000" } });
  readKey = await fixture.createKey(["read"]);
  const { POST } = await import("@/app/api/v1/events/route");
  const { GET } = await import("@/app/api/v1/diagnosis/route");
  server = await serveRoutes({ "POST /api/v1/events": POST, "GET /api/v1/diagnosis": GET });
  const traffic = createTraffic({
    seed: 21,
    rate: 10,
    // The expiry at 14:00 in the fleet's zone, whatever the clock: in its own zone (UTC+8) a run
    // at 23:30 UTC put the hour before it on the morning ramp, 46 events against 29 expected.
    utcOffsetHours: fleetZoneWithLocalHour(surgeStart),
    populationSize: 10_000,
    scenarios: [{ name: "cert-expiry", startMs: surgeStart }],
  });
  const events: GeneratedEvent[] = [];
  for (let m = surgeStart - 3 * 60 * MINUTE; m < surgeStart + 15 * MINUTE; m += MINUTE) {
    events.push(...traffic.eventsForMinute(m).filter((e) => e.event.code === 50502));
  }
  firstEventMinuteMs = Math.floor(Math.min(...events.map((e) => e.atMs)) / MINUTE) * MINUTE;
  const sender = new EventSender({ url: server.url, key: fixture.key });
  await sender.add(events);
  await sender.flush();
  expect(sender.stats.rejected).toBe(0);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await fixture?.close();
});

describe("GET /api/v1/diagnosis", () => {
  it("diagnoses a simulated certificate expiry as an expired server certificate", async () => {
    const from = new Date(Math.floor(surgeStart / MINUTE) * MINUTE).toISOString();
    const to = new Date(Math.floor(surgeStart / MINUTE) * MINUTE + 15 * MINUTE).toISOString();
    const response = await diagnosis(`code=50502&from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.surge.events).toBeGreaterThan(10 * body.surge.expected);
    expect(body.surge.devices).toBeGreaterThan(100);
    expect(body.hypotheses[0].id).toBe("certificate-expired");
    expect(body.hypotheses[0].title).toEqual({
      en: "Server certificate probably expired",
      zh: "服务器证书可能已过期",
    });
    expect(body.hypotheses[0].evidence[0]).toMatchObject({ what: "signal:expiredWithRightClock" });
    expect(body.hypotheses[0].evidence[0].excessShare).toBeGreaterThan(0.9);
    // A step at the notAfter minute (the counts from 15 minutes before `from`), shown as evidence.
    expect(body.onset).toMatchObject({ shape: "step", firstMinute: from });
    expect(body.onset.minutesToHalfPeak).toBeLessThanOrEqual(1);
    expect(body.onset.peakPerMinute).toBeGreaterThan(50);
    expect(body.hypotheses[0].evidence).toContainEqual({
      what: "onset",
      value: "step",
      excessShare: 1,
      share: 1,
      baselineShare: 0,
    });
  });

  it("answers the window before the surge with no hypothesis", async () => {
    const from = new Date(surgeStart - 60 * MINUTE).toISOString();
    const to = new Date(surgeStart - 30 * MINUTE).toISOString();
    const body = await (await diagnosis(`code=50502&from=${from}&to=${to}`)).json();
    // Measured against the three hours the code has (not a day it did not have): from its
    // first minute, the first event's (a phone clock off by under 5 s is not corrected, so it
    // may land a minute either side; the first generated minute, 15 s past, may hold none).
    const baselineFrom = Date.parse(body.baselineFrom);
    expect(baselineFrom % MINUTE).toBe(0);
    expect(Math.abs(baselineFrom - firstEventMinuteMs)).toBeLessThanOrEqual(MINUTE);
    expect(baselineFrom).toBeLessThan(surgeStart - 170 * MINUTE);
    expect(body.surge.events).toBeLessThan(1.5 * body.surge.expected);
    expect(body.hypotheses).toEqual([]);
    expect(body.onset).toBeNull();
  });

  it("refuses a range that ends before it starts, naming the field, and a missing key", async () => {
    const now = new Date().toISOString();
    const bad = await diagnosis(`code=50502&from=${now}&to=${new Date(0).toISOString()}`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.stringify(await bad.json())).toContain("to");
    const hourAgo = new Date(Date.now() - 60 * MINUTE).toISOString();
    expect((await diagnosis(`code=50502&from=${hourAgo}&to=${now}`, "")).status).toBe(401);
  });
});
