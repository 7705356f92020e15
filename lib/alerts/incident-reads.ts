/**
 * Incidents as the API and the pages read them: lists (newest first) and one incident whole,
 * with its timeline and every notification attempt.
 */
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import type { Prisma } from "../db/generated/client";
import type { DiagnosisDto } from "../stats/dto";

export interface IncidentDto {
  id: string;
  project: string;
  rule: { id: string; name: string; builtin: string | null; kind: string };
  code: number;
  status: "open" | "acknowledged" | "resolved";
  retrospective: boolean;
  startedAt: string;
  openedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  /** Null when it resolved by itself. */
  resolvedBy: string | null;
  baselinePerMinute: number;
  peakPerMinute: number;
  peakAt: string;
  events: number;
  /** Distinct devices; null when most events carried no device id (counts only). */
  devices: number | null;
  openingVerdict: "provisional" | "settled";
  /** confirmed / revised once the minutes that opened it are settled; null before. */
  settledVerdict: "confirmed" | "revised" | null;
  /** The top hypothesis' id and title, for lists and messages. */
  topCause: { id: string; title: { zh: string; en: string } } | null;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  actor: string | null;
  detail: Record<string, unknown> | null;
}

export interface IncidentDetailDto extends IncidentDto {
  diagnosis: DiagnosisDto | null;
  timeline: TimelineEntry[];
  notifications: {
    id: string;
    channel: string;
    type: string;
    kind: string;
    status: string;
    attempts: { at: string; ok: boolean; httpStatus: number | null; error: string | null }[];
  }[];
}

const include = {
  project: { select: { slug: true } },
  rule: { select: { id: true, name: true, builtin: true, kind: true } },
} as const;

type Row = Prisma.IncidentGetPayload<{ include: typeof include }>;

function toDto(i: Row): IncidentDto {
  const diagnosis = i.diagnosis as DiagnosisDto | null;
  const top = diagnosis?.hypotheses?.[0];
  return {
    id: i.id,
    project: i.project.slug,
    rule: i.rule,
    code: i.code,
    status: i.status as IncidentDto["status"],
    retrospective: i.retrospective,
    startedAt: i.startedAt.toISOString(),
    openedAt: i.openedAt.toISOString(),
    acknowledgedAt: i.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: i.acknowledgedBy,
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    resolvedBy: i.resolvedBy,
    baselinePerMinute: Math.round(i.baselinePerMinute * 100) / 100,
    peakPerMinute: i.peakPerMinute,
    peakAt: i.peakAt.toISOString(),
    events: i.events,
    devices: i.devices,
    openingVerdict: i.openingVerdict as IncidentDto["openingVerdict"],
    settledVerdict: i.settledVerdict as IncidentDto["settledVerdict"],
    topCause: top ? { id: top.id, title: top.title } : null,
  };
}

/**
 * Incidents of a project (or of every project), newest first. `open` lists every incident not
 * resolved (acknowledged included); `acknowledged` and `resolved` only those.
 */
export async function listIncidents(
  db: Db,
  projectId: string | null,
  query: { status: "open" | "acknowledged" | "resolved" | "all"; code?: number; limit: number },
): Promise<IncidentDto[]> {
  const status =
    query.status === "all"
      ? undefined
      : query.status === "open"
        ? { not: "resolved" }
        : query.status;
  const rows = await db.incident.findMany({
    where: {
      ...(projectId ? { projectId } : {}),
      ...(status ? { status } : {}),
      ...(query.code !== undefined ? { code: query.code } : {}),
    },
    include,
    orderBy: { openedAt: "desc" },
    take: query.limit,
  });
  return rows.map(toDto);
}

export async function getIncident(db: Db, id: string): Promise<IncidentDetailDto> {
  const row = await db.incident.findUnique({
    where: { id },
    include: {
      ...include,
      timeline: { orderBy: [{ at: "asc" }] },
      notifications: {
        // Alertmanager's minute-by-minute re-sends are listed only when they failed.
        where: {
          notification: { OR: [{ kind: { not: "refresh" } }, { status: { not: "sent" } }] },
        },
        include: {
          notification: {
            include: { channel: true, tries: { orderBy: { at: "asc" } } },
          },
        },
      },
    },
  });
  if (!row) throw new NotFoundError(`No incident ${id}.`);
  return {
    ...toDto(row),
    diagnosis: row.diagnosis as DiagnosisDto | null,
    timeline: row.timeline.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      actor: e.actor,
      detail: e.detail as Record<string, unknown> | null,
    })),
    notifications: row.notifications
      .sort((a, b) => a.notification.createdAt.getTime() - b.notification.createdAt.getTime())
      .map(({ notification: n }) => ({
        id: n.id,
        channel: n.channel.name,
        type: n.channel.type,
        kind: n.kind,
        status: n.status,
        attempts: n.tries.map((t) => ({
          at: t.at.toISOString(),
          ok: t.ok,
          httpStatus: t.httpStatus,
          error: t.error,
        })),
      })),
  };
}

/** Incidents not resolved yet, per project (every project, zeros included): the metrics gauge. */
export async function openIncidentCounts(db: Db): Promise<{ project: string; open: number }[]> {
  const projects = await db.project.findMany({
    select: {
      slug: true,
      _count: { select: { incidents: { where: { status: { not: "resolved" } } } } },
    },
  });
  return projects.map((p) => ({ project: p.slug, open: p._count.incidents }));
}
