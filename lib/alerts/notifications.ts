/**
 * Which notifications an incident's change creates (an outbox: rows written in the same
 * transaction as the change, delivered by lib/alerts/delivery.ts). Silences hold them back;
 * incidents of the same rule and code opening in several projects within GROUP_MINUTES go to a
 * channel they share as one message (one expired certificate behind several apps).
 */
import type { Prisma } from "../db/generated/client";
import type { MessageKind } from "../notify/types";
import { matchingSilence } from "./silences";

type Tx = Prisma.TransactionClient;

/** Incidents of one rule and code opening this close together are one surge. */
export const GROUP_MINUTES = 5;

export interface NotifiedIncident {
  id: string;
  projectId: string;
  ruleId: string;
  code: number;
  /** The rule's built-in name (the same rule across projects), or null for a project's own rule. */
  builtin: string | null;
}

/** The channels that hear about a project: its own and those for every project, enabled. */
async function channelsFor(tx: Tx, projectId: string) {
  return tx.channel.findMany({
    where: { enabled: true, OR: [{ projectId }, { projectId: null }] },
    select: { id: true, type: true },
  });
}

/**
 * Writes the notifications of `kind` about `incident` (or, when a silence matches, a timeline
 * line saying so instead). For `open`, a channel already told of the same surge in another
 * project within GROUP_MINUTES gets no second message: a pending one gains this incident, a sent
 * one is named on the timeline. `refresh` goes only to Alertmanager channels.
 */
export async function enqueueNotifications(
  tx: Tx,
  incident: NotifiedIncident,
  kind: MessageKind,
  nowMs: number,
): Promise<number> {
  const silence = await matchingSilence(tx, incident, nowMs);
  if (silence && kind !== "refresh") {
    await tx.incidentEvent.create({
      data: {
        incidentId: incident.id,
        kind: "silenced",
        at: new Date(nowMs),
        detail: { silenceId: silence.id, comment: silence.comment, notification: kind },
      },
    });
    return 0;
  }
  if (silence) return 0;
  let written = 0;
  for (const channel of await channelsFor(tx, incident.projectId)) {
    if (kind === "refresh" && channel.type !== "alertmanager") continue;
    if (kind === "open" && incident.builtin) {
      const grouped = await joinGroup(tx, incident, channel.id, nowMs);
      if (grouped) continue;
    }
    await tx.notification.create({
      data: {
        channelId: channel.id,
        kind,
        status: "pending",
        nextAttemptAt: new Date(nowMs),
        createdAt: new Date(nowMs),
        incidents: { create: { incidentId: incident.id } },
      },
    });
    written++;
  }
  return written;
}

/** Adds the incident to another project's open notification of the same surge on `channelId`. */
async function joinGroup(
  tx: Tx,
  incident: NotifiedIncident,
  channelId: string,
  nowMs: number,
): Promise<boolean> {
  const peer = await tx.notification.findFirst({
    where: {
      channelId,
      kind: "open",
      // A peer that failed for good never reached the channel: this incident needs its own.
      status: { in: ["pending", "sent"] },
      createdAt: { gte: new Date(nowMs - GROUP_MINUTES * 60_000) },
      incidents: {
        some: {
          incident: {
            code: incident.code,
            rule: { builtin: incident.builtin },
            projectId: { not: incident.projectId },
          },
        },
      },
    },
    orderBy: { createdAt: "desc" },
  });
  if (!peer) return false;
  if (peer.status === "pending") {
    await tx.notificationIncident.create({
      data: { notificationId: peer.id, incidentId: incident.id },
    });
  } else {
    await tx.incidentEvent.create({
      data: {
        incidentId: incident.id,
        kind: "grouped",
        at: new Date(nowMs),
        detail: { notificationId: peer.id, sentAt: peer.sentAt?.toISOString() ?? null },
      },
    });
  }
  return true;
}
