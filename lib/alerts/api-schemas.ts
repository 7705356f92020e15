/**
 * Request schemas of the rule, incident, silence and channel endpoints, shared with the pages
 * that send them.
 */
import { z } from "zod";

import { CODE_FAMILIES } from "../catalog/types";
import { CHANNEL_TYPES } from "../notify/types";
import { projectSlug } from "../projects/api-schemas";

const code = z.coerce.number().int().min(0).max(2_147_483_647);
const id = (what: string) => z.object({ id: z.uuid(`must be ${what} id`) }).strict();

export const ruleParams = id("a rule");
export const incidentParams = id("an incident");
export const silenceParams = id("a silence");
export const channelParams = id("a channel");

export const projectQuery = z.object({ project: projectSlug.optional() }).strict();

export const INCIDENT_STATUSES = ["open", "acknowledged", "resolved"] as const;

/** `open` lists every incident not resolved yet (acknowledged ones included). */
export const incidentsQuery = z
  .object({
    project: projectSlug.optional(),
    status: z.enum(["open", "acknowledged", "resolved", "all"]).default("all"),
    code: code.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type IncidentsQuery = z.infer<typeof incidentsQuery>;

const ruleFields = {
  name: z.string().trim().min(1).max(128),
  code: code.nullable().optional(),
  family: z.enum(CODE_FAMILIES).nullable().optional(),
  metric: z.enum(["count", "share"]).nullable().optional(),
  threshold: z.number().positive().max(1e9).nullable().optional(),
  windowMinutes: z.number().int().min(1).max(1_440).optional(),
  minEvents: z.number().int().min(0).max(1e9).optional(),
  minDevices: z.number().int().min(0).max(1e9).optional(),
  cooldownMinutes: z.number().int().min(0).max(10_080).optional(),
  reminderMinutes: z.number().int().min(1).max(10_080).optional(),
  enabled: z.boolean().optional(),
};

/** A threshold needs its metric and value; a share is a fraction of all events (0 to 1]. */
function checkRule(
  rule: {
    kind?: string;
    metric?: string | null;
    threshold?: number | null;
    code?: number | null;
    family?: string | null;
  },
  ctx: z.RefinementCtx,
) {
  if (rule.code != null && rule.family != null) {
    ctx.addIssue({
      code: "custom",
      path: ["family"],
      message: "give a code or a family, not both",
    });
  }
  if (rule.kind !== "threshold") return;
  if (!rule.metric) ctx.addIssue({ code: "custom", path: ["metric"], message: "required" });
  if (rule.threshold == null) {
    ctx.addIssue({ code: "custom", path: ["threshold"], message: "required" });
  } else if (rule.metric === "share" && rule.threshold > 1) {
    ctx.addIssue({ code: "custom", path: ["threshold"], message: "a share is at most 1" });
  }
}

export const createRuleBody = z
  .object({ project: projectSlug, kind: z.enum(["anomaly", "threshold"]), ...ruleFields })
  .strict()
  .superRefine(checkRule);
export type CreateRuleBody = z.infer<typeof createRuleBody>;

export const updateRuleBody = z
  .object({ ...ruleFields, name: ruleFields.name.optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one field");
export type UpdateRuleBody = z.infer<typeof updateRuleBody>;

export const createSilenceBody = z
  .object({
    /** Absent: every project. */
    project: projectSlug.optional(),
    code: code.optional(),
    ruleId: z.uuid("must be a rule id").optional(),
    comment: z.string().trim().min(1).max(500),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (Date.parse(s.endsAt) <= Date.parse(s.startsAt ?? new Date().toISOString())) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "must be after the start" });
    }
  });
export type CreateSilenceBody = z.infer<typeof createSilenceBody>;

export const silencesQuery = z
  .object({ project: projectSlug.optional(), active: z.enum(["true", "false"]).optional() })
  .strict();

/** http(s) only: a channel URL is fetched by the server. */
const channelUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2_000);

export const createChannelBody = z
  .object({
    /** Absent: the channel is notified for every project. */
    project: projectSlug.optional(),
    name: z.string().trim().min(1).max(128),
    type: z.enum(CHANNEL_TYPES),
    url: channelUrl,
    secret: z.string().min(1).max(512).optional(),
  })
  .strict();
export type CreateChannelBody = z.infer<typeof createChannelBody>;

/** A request body without its `project` (resolved to an id by the caller's scope). */
export function withoutProject<T extends { project?: string }>(body: T): Omit<T, "project"> {
  const rest: Partial<T> = { ...body };
  delete rest.project;
  return rest as Omit<T, "project">;
}
