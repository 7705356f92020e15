/**
 * codewatch's own webhook: the message as JSON, signed the way Stripe and Slack sign theirs, so
 * a receiver can check it came from codewatch and refuse a replay (docs/notifications.md).
 *
 *   x-codewatch-timestamp: <unix seconds>
 *   x-codewatch-signature: v1=<hex HMAC-SHA256(key = secret, message = "<timestamp>.<body>")>
 */
import { createHmac, timingSafeEqual } from "node:crypto";

import { renderMessage } from "./message";
import { httpOutcome } from "./outcome";
import type {
  AlertMessage,
  ChannelTarget,
  DeliveryOutcome,
  IncidentSummary,
  MessageKind,
  OutgoingRequest,
} from "./types";

export const TIMESTAMP_HEADER = "x-codewatch-timestamp";
export const SIGNATURE_HEADER = "x-codewatch-signature";
/** How far a receiver should accept a timestamp from its own clock, either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The JSON body of a webhook request. `version` changes only with an incompatible shape. */
export interface WebhookPayload {
  version: 1;
  kind: MessageKind;
  language: "zh" | "en";
  /** The message's first line, and its whole plain text (the same words as the chat channels). */
  title: string;
  text: string;
  incidents: IncidentSummary[];
}

/** "v1=" and the hex HMAC-SHA256 of `<timestamp>.<body>` keyed by `secret`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  const digest = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
  return `v1=${digest}`;
}

/**
 * POST the message as a `WebhookPayload` to the channel's URL, with `x-codewatch-timestamp`
 * (seconds since the epoch at `nowMs`) and, when the channel has a secret, `x-codewatch-signature`.
 */
export function buildWebhookRequest(
  message: AlertMessage,
  target: ChannelTarget,
  nowMs: number,
): OutgoingRequest {
  const rendered = renderMessage(message);
  const payload: WebhookPayload = {
    version: 1,
    kind: message.kind,
    language: message.language,
    title: rendered.title,
    text: rendered.text,
    incidents: message.incidents,
  };
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(nowMs / 1000));
  const headers: Record<string, string> = {
    "content-type": "application/json",
    [TIMESTAMP_HEADER]: timestamp,
  };
  if (target.secret !== null)
    headers[SIGNATURE_HEADER] = signWebhook(target.secret, timestamp, body);
  return { method: "POST", url: target.url, headers, body };
}

/**
 * For receivers: true when `signatureHeader` holds a `v1=` signature of `body` (the raw bytes as
 * received, before any JSON parsing) made with `secret` at `timestampHeader`, and that timestamp
 * is within `toleranceSeconds` of `nowMs` (either way: a replay, or a clock far off). Several
 * signatures separated by commas are accepted, any one matching (room for a secret rotation).
 * Compares in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  timestampHeader: string | null | undefined,
  signatureHeader: string | null | undefined,
  body: string,
  nowMs: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  if (!timestampHeader || !signatureHeader || !/^\d{1,15}$/.test(timestampHeader)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestampHeader)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestampHeader, body).slice(3), "hex");
  return signatureHeader.split(",").some((candidate) => {
    const match = /^v1=([0-9a-f]{64})$/i.exec(candidate.trim());
    if (!match?.[1]) return false;
    return timingSafeEqual(Buffer.from(match[1], "hex"), expected);
  });
}

/** 2xx delivered; 408, 429 and 5xx retryable; any other answer refused for good. */
export function readWebhookOutcome(status: number, bodyText: string): DeliveryOutcome {
  return httpOutcome(status, bodyText);
}
