/**
 * The demo inbox: a receiver of codewatch's own signed webhook (lib/notify/webhook.ts), built in
 * so that `npm run demo` shows an alert arriving without any chat tool. It checks each request
 * the way a receiver should (docs/notifications.md: HMAC-SHA256 of "<timestamp>.<body>" with the
 * channel's secret, the timestamp within 5 minutes), against the secret of every webhook channel
 * whose URL is the inbox (the demo's own, or one a visitor adds), and keeps the last 200
 * messages, verified or not, so a visitor sees both what arrived and that its signature held.
 * Throws NotFoundError while CW_DEMO_INBOX is off: outside the demo there is no inbox.
 */
import type { Db } from "../db/client";
import { getEnv } from "../env";
import { NotFoundError } from "../errors";
import { channelsWithUrl } from "../alerts/channels";
import { verifyWebhookSignature } from "../notify/webhook";

/** The inbox's path on the server; a webhook channel whose URL has it delivers to the inbox. */
export const INBOX_PATH = "/api/demo/inbox";
/** Messages kept; older ones are deleted as new ones arrive. */
export const INBOX_SIZE = 200;

export type SignatureCheck = "verified" | "missing" | "invalid";

export interface InboxMessageDto {
  id: string;
  receivedAt: string;
  signature: SignatureCheck;
  /** The x-codewatch-timestamp header as sent (seconds since the epoch), if any. */
  timestamp: string | null;
  /** The body as received, and its JSON when it is JSON (the WebhookPayload). */
  body: string;
  payload: unknown;
}

export function inboxEnabled(): boolean {
  return getEnv().CW_DEMO_INBOX === "1";
}

function requireInbox(): void {
  if (!inboxEnabled()) throw new NotFoundError("There is no demo inbox outside `npm run demo`.");
}

/** The secrets of the webhook channels that deliver to the inbox (their URL's path is it). */
async function inboxSecrets(db: Db): Promise<string[]> {
  const channels = await channelsWithUrl(db, "webhook", (url) => url.pathname === INBOX_PATH);
  return channels.flatMap((c) => (c.secret ? [c.secret] : []));
}

/**
 * Checks and keeps one delivery. `body` is the raw body as received (the signature covers its
 * exact bytes); the headers are x-codewatch-timestamp and x-codewatch-signature.
 */
export async function receiveInboxMessage(
  db: Db,
  delivery: { body: string; timestamp: string | null; signature: string | null },
  nowMs = Date.now(),
): Promise<InboxMessageDto> {
  requireInbox();
  const check: SignatureCheck =
    !delivery.timestamp || !delivery.signature
      ? "missing"
      : (await inboxSecrets(db)).some((secret) =>
            verifyWebhookSignature(
              secret,
              delivery.timestamp,
              delivery.signature,
              delivery.body,
              nowMs,
            ),
          )
        ? "verified"
        : "invalid";
  const row = await db.demoInboxMessage.create({
    data: {
      signature: check,
      timestamp: delivery.timestamp,
      body: delivery.body,
      receivedAt: new Date(nowMs),
    },
  });
  const keep = await db.demoInboxMessage.findMany({
    orderBy: { receivedAt: "desc" },
    skip: INBOX_SIZE - 1,
    take: 1,
    select: { receivedAt: true },
  });
  if (keep[0]) {
    await db.demoInboxMessage.deleteMany({ where: { receivedAt: { lt: keep[0].receivedAt } } });
  }
  return toDto(row);
}

/** The newest `limit` messages, newest first. */
export async function listInboxMessages(db: Db, limit = 50): Promise<InboxMessageDto[]> {
  requireInbox();
  const rows = await db.demoInboxMessage.findMany({ orderBy: { receivedAt: "desc" }, take: limit });
  return rows.map(toDto);
}

function toDto(row: {
  id: string;
  receivedAt: Date;
  signature: string;
  timestamp: string | null;
  body: string;
}): InboxMessageDto {
  let payload: unknown = null;
  try {
    payload = JSON.parse(row.body);
  } catch {
    // Not JSON: shown as text.
  }
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    signature: row.signature as SignatureCheck,
    timestamp: row.timestamp,
    body: row.body,
    payload,
  };
}
