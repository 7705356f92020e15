/**
 * Incidents: opened by the evaluation (lib/alerts/evaluate.ts), acknowledged and resolved by
 * people (ops, admin) or resolved by itself when counts are back near the frozen baseline.
 * One open incident per rule and code, one retrospective per surge (the unique `openKey`).
 * Every change is a timeline line; notifications are written in the same transaction
 * (lib/alerts/notifications.ts).
 * Throws NotFoundError (unknown incident), ConflictError (acknowledging a resolved incident).
 */
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import type { Prisma } from "../db/generated/client";
import { ConflictError, NotFoundError } from "../errors";
import { enqueueNotifications } from "./notifications";

export interface OpenInput {
  projectId: string;
  rule: { id: string; builtin: string | null };
  code: number;
  retrospective: boolean;
  startedAt: Date;
  baselinePerMinute: number;
  peakPerMinute: number;
  peakAt: Date;
  events: number;
  devices: number | null;
  openingVerdict: "provisional" | "settled";
  diagnosis: unknown;
  /**
   * A retrospective incident's surge end: it is stored resolved then, under a key of its own, so
   * a past surge is recorded beside a live incident of the same rule and code.
   */
  endedAt?: Date;
}

const openKey = (ruleId: string, code: number) => `${ruleId}:${code}`;
/**
 * A retrospective incident's key: one per rule, code and surge start, so two instances that scan
 * the same history at once record it once (a live incident's key is free again once resolved).
 */
const pastKey = (ruleId: string, code: number, startedAt: Date) =>
  `past:${ruleId}:${code}:${startedAt.getTime() / 60_000}`;

/**
 * Opens an incident with its first timeline line and (unless retrospective) its notifications.
 * A retrospective one is over already: stored resolved at `endedAt`, with both timeline lines.
 * Returns its id, or null when one is already open for the rule and code, or that past surge
 * is already recorded (another instance got there first).
 */
export async function openIncident(
  db: Db,
  input: OpenInput,
  nowMs: number,
): Promise<string | null> {
  try {
    const endedAt = input.retrospective ? (input.endedAt ?? new Date(nowMs)) : null;
    return await db.$transaction(async (tx) => {
      const incident = await tx.incident.create({
        data: {
          projectId: input.projectId,
          ruleId: input.rule.id,
          code: input.code,
          status: endedAt ? "resolved" : "open",
          openKey: endedAt
            ? pastKey(input.rule.id, input.code, input.startedAt)
            : openKey(input.rule.id, input.code),
          resolvedAt: endedAt,
          retrospective: input.retrospective,
          startedAt: input.startedAt,
          openedAt: new Date(nowMs),
          baselinePerMinute: input.baselinePerMinute,
          peakPerMinute: input.peakPerMinute,
          peakAt: input.peakAt,
          events: input.events,
          devices: input.devices,
          openingVerdict: input.openingVerdict,
          diagnosis: (input.diagnosis ?? undefined) as Prisma.InputJsonValue | undefined,
        },
      });
      await tx.incidentEvent.create({
        data: {
          incidentId: incident.id,
          kind: "opened",
          at: new Date(nowMs),
          detail: {
            verdict: input.openingVerdict,
            retrospective: input.retrospective,
            events: input.events,
            devices: input.devices,
            peakPerMinute: input.peakPerMinute,
            baselinePerMinute: input.baselinePerMinute,
          },
        },
      });
      if (endedAt) {
        // Resolved when the surge ended: not now, which would cover what came after.
        await tx.incidentEvent.create({
          data: {
            incidentId: incident.id,
            kind: "resolved",
            at: endedAt,
            detail: { by: "retrospective", surgeEnd: endedAt.toISOString() },
          },
        });
      } else {
        const notified = { ...incident, builtin: input.rule.builtin };
        await enqueueNotifications(tx, notified, "open", nowMs);
      }
      return incident.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

async function incidentOrThrow(tx: Prisma.TransactionClient, id: string) {
  const incident = await tx.incident.findUnique({
    where: { id },
    include: { rule: { select: { builtin: true } } },
  });
  if (!incident) throw new NotFoundError(`No incident ${id}.`);
  return incident;
}

/** The project an incident belongs to, for the caller's access check. */
export async function incidentProject(db: Db, id: string): Promise<string> {
  return (await incidentOrThrow(db, id)).projectId;
}

/** open → acknowledged (acknowledging twice is a no-op); a resolved incident is a conflict. */
export async function acknowledgeIncident(db: Db, id: string, actor: string, nowMs = Date.now()) {
  await db.$transaction(async (tx) => {
    const incident = await incidentOrThrow(tx, id);
    if (incident.status === "resolved") {
      throw new ConflictError("This incident is resolved.", "incident-resolved");
    }
    if (incident.status === "acknowledged") return;
    await tx.incident.update({
      where: { id },
      data: { status: "acknowledged", acknowledgedAt: new Date(nowMs), acknowledgedBy: actor },
    });
    await tx.incidentEvent.create({
      data: { incidentId: id, kind: "acknowledged", actor, at: new Date(nowMs) },
    });
  });
}

/**
 * Resolves an incident: by a person (`actor`) or by itself (actor null, with the reason in
 * `detail`). Resolving a resolved incident is a no-op. Sends the resolve notifications of an
 * incident that paged (one whose opening was silenced never did).
 */
export async function resolveIncident(
  db: Db,
  id: string,
  actor: string | null,
  nowMs = Date.now(),
  detail?: Record<string, unknown>,
) {
  await db.$transaction(async (tx) => {
    const incident = await incidentOrThrow(tx, id);
    if (incident.status === "resolved") return;
    await tx.incident.update({
      where: { id },
      data: { status: "resolved", openKey: null, resolvedAt: new Date(nowMs), resolvedBy: actor },
    });
    await tx.incidentEvent.create({
      data: {
        incidentId: id,
        kind: "resolved",
        actor,
        at: new Date(nowMs),
        detail: (detail ?? { by: "person" }) as Prisma.InputJsonValue,
      },
    });
    // Only channels told of the incident hear it is over (not one whose opening was silenced).
    const paged = await tx.notificationIncident.count({
      where: { incidentId: id, notification: { kind: { in: ["open", "reminder"] } } },
    });
    if (!incident.retrospective && paged > 0) {
      const notified = { ...incident, builtin: incident.rule.builtin };
      await enqueueNotifications(tx, notified, "resolve", nowMs);
    }
  });
}
