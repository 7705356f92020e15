/**
 * Silences (ops): matchers (project, code, rule; an absent one matches anything) and an end
 * time. A silenced incident is still opened and recorded; only its notifications are held back.
 */
import type { Db } from "../db/client";
import { InvalidInputError, NotFoundError } from "../errors";
import type { CreateSilenceBody } from "./api-schemas";

export interface SilenceDto {
  id: string;
  project: string | null;
  code: number | null;
  ruleId: string | null;
  comment: string;
  createdBy: string;
  startsAt: string;
  endsAt: string;
  active: boolean;
}

type SilenceRow = Awaited<ReturnType<Db["silence"]["findFirstOrThrow"]>> & {
  project: { slug: string } | null;
};

function toSilenceDto(s: SilenceRow, now: Date): SilenceDto {
  return {
    id: s.id,
    project: s.project?.slug ?? null,
    code: s.code,
    ruleId: s.ruleId,
    comment: s.comment,
    createdBy: s.createdBy,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    active: s.startsAt <= now && s.endsAt > now,
  };
}

export async function listSilences(
  db: Db,
  projectId: string | null,
  options: { activeOnly?: boolean; nowMs?: number } = {},
): Promise<SilenceDto[]> {
  const now = new Date(options.nowMs ?? Date.now());
  const rows = await db.silence.findMany({
    where: {
      ...(projectId ? { OR: [{ projectId }, { projectId: null }] } : {}),
      ...(options.activeOnly ? { endsAt: { gt: now }, startsAt: { lte: now } } : {}),
    },
    include: { project: { select: { slug: true } } },
    orderBy: { endsAt: "desc" },
    take: 500,
  });
  return rows.map((row) => toSilenceDto(row, now));
}

export async function createSilence(
  db: Db,
  projectId: string | null,
  input: Omit<CreateSilenceBody, "project">,
  createdBy: string,
): Promise<SilenceDto> {
  if (input.ruleId) {
    const rule = await db.alertRule.findUnique({
      where: { id: input.ruleId },
      select: { projectId: true },
    });
    if (!rule || (projectId !== null && rule.projectId !== projectId)) {
      throw new InvalidInputError("No such rule in this project.", [
        { field: "body.ruleId", message: "no such rule" },
      ]);
    }
  }
  const silence = await db.silence.create({
    data: {
      projectId,
      code: input.code,
      ruleId: input.ruleId,
      comment: input.comment,
      createdBy,
      startsAt: input.startsAt ? new Date(input.startsAt) : undefined,
      endsAt: new Date(input.endsAt),
    },
    include: { project: { select: { slug: true } } },
  });
  return toSilenceDto(silence, new Date());
}

/** Ends a silence now (kept for the record). */
export async function expireSilence(db: Db, id: string, nowMs = Date.now()): Promise<void> {
  const { count } = await db.silence.updateMany({
    where: { id },
    data: { endsAt: new Date(nowMs) },
  });
  if (count === 0) throw new NotFoundError(`No silence ${id}.`);
}

export async function silenceProject(db: Db, id: string): Promise<string | null> {
  const silence = await db.silence.findUnique({ where: { id }, select: { projectId: true } });
  if (!silence) throw new NotFoundError(`No silence ${id}.`);
  return silence.projectId;
}

/** The active silence that matches an incident, if any. */
export async function matchingSilence(
  db: Pick<Db, "silence">,
  incident: { projectId: string; code: number; ruleId: string },
  nowMs: number,
): Promise<{ id: string; comment: string } | null> {
  const now = new Date(nowMs);
  return db.silence.findFirst({
    where: {
      startsAt: { lte: now },
      endsAt: { gt: now },
      AND: [
        { OR: [{ projectId: null }, { projectId: incident.projectId }] },
        { OR: [{ code: null }, { code: incident.code }] },
        { OR: [{ ruleId: null }, { ruleId: incident.ruleId }] },
      ],
    },
    select: { id: true, comment: true },
  });
}
