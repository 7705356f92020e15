/**
 * 50502 traffic for alerting tests, sent over real HTTP with the simulator's EventSender: a quiet
 * background ("Chain validation failed" from many phones, about one a minute) and an expired
 * server certificate ("Certificate expired at …" from phones whose clocks are right), the
 * evidence the diagnosis reads as "Server certificate probably expired". Events are spread
 * evenly over their interval, so any interval can be sent on its own, cycle by cycle.
 */
import type { GeneratedEvent } from "@/lib/simulate/population";
import { EventSender } from "@/lib/simulate/sender";

const MINUTE = 60_000;
export const SSL_EXCEPTION = "javax.net.ssl.SSLHandshakeException";

interface Shape {
  fromMs: number;
  toMs: number;
  perMinute: number;
  devices: number;
  devicePrefix: string;
  message(atMs: number): string;
}

/** `perMinute` 50502 a minute in [fromMs, toMs), on a grid that starts at the epoch. */
function events50502(shape: Shape): GeneratedEvent[] {
  const events: GeneratedEvent[] = [];
  const step = MINUTE / shape.perMinute;
  // On a fixed grid, so that two adjacent intervals hold exactly what their union holds.
  for (let i = Math.ceil(shape.fromMs / step); i * step < shape.toMs; i++) {
    const atMs = Math.floor(i * step);
    if (atMs < shape.fromMs) continue;
    events.push({
      atMs,
      clockOffsetMs: 0,
      event: {
        code: 50502,
        timestamp: atMs,
        deviceId: `${shape.devicePrefix}-${i % shape.devices}`,
        exception: SSL_EXCEPTION,
        message: shape.message(atMs),
      },
    });
  }
  return events;
}

/** The background: 50502 "Chain validation failed" from 60 phones, `perMinute` a minute. */
export function background(fromMs: number, toMs: number, perMinute = 1): GeneratedEvent[] {
  return events50502({
    fromMs,
    toMs,
    perMinute,
    devices: 60,
    devicePrefix: "phone",
    message: () => "Chain validation failed",
  });
}

/** An expired server certificate: `perMinute` "Certificate expired at …" from `devices` phones. */
export function certificateExpired(
  fromMs: number,
  toMs: number,
  perMinute: number,
  devices = 200,
): GeneratedEvent[] {
  const notAfter = new Date(Math.floor(fromMs / MINUTE) * MINUTE).toUTCString();
  return events50502({
    fromMs,
    toMs,
    perMinute,
    devices,
    devicePrefix: "fleet",
    message: (atMs) =>
      `Certificate expired at ${notAfter} (compared to ${new Date(atMs).toUTCString()})`,
  });
}

/** Sends `events` to POST /api/v1/events at `url` with `key`; throws if any is rejected. */
export async function sendEvents(url: string, key: string, events: GeneratedEvent[]) {
  if (events.length === 0) return;
  const sender = new EventSender({ url, key, batchSize: 5_000 });
  await sender.add(events);
  await sender.flush();
  if (sender.stats.rejected > 0) {
    throw new Error(`rejected events: ${JSON.stringify(sender.stats.rejectedReasons)}`);
  }
}
