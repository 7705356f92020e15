/**
 * Clock drift and the time window events may fall in.
 *
 * Phones' clocks are often wrong (that is itself evidence for codes 104, 50502 and 12003). When a
 * batch says when it was sent (`sentAt`, by the device clock), drift = received − sentAt. Above
 * a small tolerance every timestamp of the batch is shifted by the drift, so events land where
 * they happened by the server's clock; the measured drift is kept with each event either way.
 *
 * After correction, an event more than FUTURE_TOLERANCE_MS ahead of receipt, or older than raw
 * retention, is rejected with a reason rather than stored under a time that cannot be true
 * (clamping would invent a time; rejecting tells the client).
 */
export const DRIFT_TOLERANCE_MS = 5_000;
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface DriftCorrection {
  /** received − sentAt, or null when the batch did not say when it was sent. */
  driftMs: number | null;
  /** The shift applied to every timestamp (0 within the tolerance). */
  shiftMs: number;
}

export function measureDrift(receivedAtMs: number, sentAtMs: number | undefined): DriftCorrection {
  if (sentAtMs === undefined) return { driftMs: null, shiftMs: 0 };
  const driftMs = receivedAtMs - sentAtMs;
  return { driftMs, shiftMs: Math.abs(driftMs) > DRIFT_TOLERANCE_MS ? driftMs : 0 };
}

export type TimeVerdict = { ok: true; occurredAtMs: number } | { ok: false; error: string };

/** The server-clock time of an event (its timestamp in epoch ms), or why it cannot be stored. */
export function placeInTime(
  timestampMs: number | undefined,
  receivedAtMs: number,
  correction: DriftCorrection,
  retentionDays: number,
): TimeVerdict {
  if (timestampMs === undefined) return { ok: true, occurredAtMs: receivedAtMs };
  const occurredAtMs = timestampMs + correction.shiftMs;
  if (occurredAtMs > receivedAtMs + FUTURE_TOLERANCE_MS) {
    return { ok: false, error: "timestamp: in the future even after clock-drift correction" };
  }
  if (occurredAtMs < receivedAtMs - retentionDays * 86_400_000) {
    return { ok: false, error: `timestamp: older than the ${retentionDays}-day raw retention` };
  }
  return { ok: true, occurredAtMs };
}
