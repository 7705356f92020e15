/**
 * The simulated fleet at a fixed local hour, for tests whose traffic is generated around the
 * real clock: the fleet's rhythm ramps ×2.5 between 05:00 and 07:00 local time, so traffic made
 * "20 minutes ago" in the fleet's own zone (UTC+8) had a different shape at every hour CI ran.
 */
const HOUR = 3_600_000;

/**
 * The fleet's UTC offset (hours, in (-10, 14]) that puts the instant `atMs` (UTC ms) at
 * `localHour` (default 14:00, the flat afternoon of the rhythm) in the fleet's time zone. For
 * `createTraffic`'s `utcOffsetHours` and `fleetRhythm`.
 */
export function fleetZoneWithLocalHour(atMs: number, localHour = 14): number {
  const offset = localHour - (atMs % (24 * HOUR)) / HOUR;
  return offset <= -10 ? offset + 24 : offset;
}
