/**
 * The demo inbox as the routes call it, on the server's database (lib/db/server). Throws
 * UnauthenticatedError for a delivery whose signature is missing or wrong (after keeping it).
 */
import { getDb } from "../db/server";
import { UnauthenticatedError } from "../errors";
import { listInboxMessages, receiveInboxMessage, type InboxMessageDto } from "./inbox";

export async function receiveDelivery(delivery: {
  body: string;
  timestamp: string | null;
  signature: string | null;
}): Promise<InboxMessageDto> {
  const message = await receiveInboxMessage(await getDb(), delivery);
  // Kept either way (the inbox shows rejected deliveries too), but the sender is told.
  if (message.signature !== "verified") {
    throw new UnauthenticatedError(
      `The webhook signature is ${message.signature}; docs/notifications.md says how to sign.`,
      "bad-signature",
    );
  }
  return message;
}

export async function inboxMessages(limit: number): Promise<{ messages: InboxMessageDto[] }> {
  return { messages: await listInboxMessages(await getDb(), limit) };
}
