/**
 * Alert rules: the built-in ones (lib/alerts/builtin.ts) and those ops add, per project.
 * Throws NotFoundError (unknown rule or project), ConflictError (deleting a built-in rule:
 * disable it instead), InvalidInputError (a threshold rule without its metric).
 */
import type { Db } from "../db/client";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import type { CreateRuleBody, UpdateRuleBody } from "./api-schemas";

export interface RuleDto {
  id: string;
  project: string;
  builtin: string | null;
  name: string;
  kind: "anomaly" | "threshold" | "new-code";
  code: number | null;
  family: string | null;
  metric: "count" | "share" | null;
  threshold: number | null;
  windowMinutes: number;
  minEvents: number;
  minDevices: number;
  cooldownMinutes: number;
  reminderMinutes: number;
  enabled: boolean;
  updatedAt: string;
}

type RuleRow = Awaited<ReturnType<Db["alertRule"]["findFirstOrThrow"]>> & {
  project: { slug: string };
};

export function toRuleDto(r: RuleRow): RuleDto {
  return {
    id: r.id,
    project: r.project.slug,
    builtin: r.builtin,
    name: r.name,
    kind: r.kind as RuleDto["kind"],
    code: r.code,
    family: r.family,
    metric: r.metric as RuleDto["metric"],
    threshold: r.threshold,
    windowMinutes: r.windowMinutes,
    minEvents: r.minEvents,
    minDevices: r.minDevices,
    cooldownMinutes: r.cooldownMinutes,
    reminderMinutes: r.reminderMinutes,
    enabled: r.enabled,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listRules(db: Db, projectId: string): Promise<RuleDto[]> {
  const rows = await db.alertRule.findMany({
    where: { projectId },
    include: { project: { select: { slug: true } } },
    orderBy: [{ builtin: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
  });
  return rows.map(toRuleDto);
}

export async function createRule(
  db: Db,
  projectId: string,
  input: Omit<CreateRuleBody, "project">,
): Promise<RuleDto> {
  return toRuleDto(
    await db.alertRule.create({
      data: { ...input, projectId },
      include: { project: { select: { slug: true } } },
    }),
  );
}

async function ruleOrThrow(db: Db, id: string) {
  const rule = await db.alertRule.findUnique({
    where: { id },
    include: { project: { select: { slug: true } } },
  });
  if (!rule) throw new NotFoundError(`No rule ${id}.`);
  return rule;
}

/** The project a rule belongs to, for the caller's access check. */
export async function ruleProject(db: Db, id: string): Promise<string> {
  return (await ruleOrThrow(db, id)).projectId;
}

export async function updateRule(db: Db, id: string, change: UpdateRuleBody): Promise<RuleDto> {
  const rule = await ruleOrThrow(db, id);
  const next = { ...rule, ...change };
  if (next.kind === "threshold" && (next.metric == null || next.threshold == null)) {
    throw new InvalidInputError("A threshold rule needs a metric and a threshold.", [
      { field: "body.threshold", message: "required for a threshold rule" },
    ]);
  }
  return toRuleDto(
    await db.alertRule.update({
      where: { id },
      data: change,
      include: { project: { select: { slug: true } } },
    }),
  );
}

export async function deleteRule(db: Db, id: string): Promise<void> {
  const rule = await ruleOrThrow(db, id);
  if (rule.builtin) {
    throw new ConflictError(`"${rule.name}" is built in: disable it instead.`, "builtin-rule");
  }
  await db.alertRule.delete({ where: { id } });
}
