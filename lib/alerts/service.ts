/**
 * The alerting API for a caller: every function takes the principal, checks what it may reach
 * (lib/alerts/scope.ts; roles are checked by the route's access rule) and calls the domain.
 */
import "server-only";

import type { Principal } from "../auth/authorize";
import { getDb } from "../db/server";
import { InvalidInputError } from "../errors";
import {
  withoutProject,
  type CreateChannelBody,
  type CreateRuleBody,
  type CreateSilenceBody,
  type IncidentsQuery,
  type UpdateRuleBody,
} from "./api-schemas";
import { channelProject, createChannel, deleteChannel, listChannels } from "./channels";
import { sendTestNotification } from "./delivery";
import { getIncident, listIncidents } from "./incident-reads";
import { acknowledgeIncident, incidentProject, resolveIncident } from "./incidents";
import { createRule, deleteRule, listRules, ruleProject, updateRule } from "./rules";
import { actorOf, checkReach, projectScope } from "./scope";
import { createSilence, expireSilence, listSilences, silenceProject } from "./silences";

export async function incidentsFor(principal: Principal, query: IncidentsQuery) {
  const db = await getDb();
  const project = await projectScope(db, principal, query.project);
  return {
    project: project?.slug ?? null,
    incidents: await listIncidents(db, project?.id ?? null, query),
  };
}

export async function incidentFor(principal: Principal, id: string) {
  const db = await getDb();
  checkReach(principal, await incidentProject(db, id), "incident");
  return getIncident(db, id);
}

export async function acknowledgeFor(principal: Principal, id: string) {
  const db = await getDb();
  await acknowledgeIncident(db, id, actorOf(principal));
  return getIncident(db, id);
}

export async function resolveFor(principal: Principal, id: string) {
  const db = await getDb();
  await resolveIncident(db, id, actorOf(principal));
  return getIncident(db, id);
}

/** Rules need a project: a user names one. */
async function requiredProject(principal: Principal, slug: string | undefined) {
  const project = await projectScope(await getDb(), principal, slug);
  if (!project) {
    throw new InvalidInputError("Invalid query parameter.", [
      { field: "query.project", message: "required" },
    ]);
  }
  return project;
}

export async function rulesFor(principal: Principal, slug: string | undefined) {
  const project = await requiredProject(principal, slug);
  return { project: project.slug, rules: await listRules(await getDb(), project.id) };
}

export async function createRuleFor(principal: Principal, body: CreateRuleBody) {
  const project = await requiredProject(principal, body.project);
  return createRule(await getDb(), project.id, withoutProject(body));
}

export async function updateRuleFor(principal: Principal, id: string, change: UpdateRuleBody) {
  const db = await getDb();
  checkReach(principal, await ruleProject(db, id), "rule");
  return updateRule(db, id, change);
}

export async function deleteRuleFor(principal: Principal, id: string) {
  const db = await getDb();
  checkReach(principal, await ruleProject(db, id), "rule");
  await deleteRule(db, id);
}

export async function silencesFor(
  principal: Principal,
  slug: string | undefined,
  activeOnly: boolean,
) {
  const db = await getDb();
  const project = await projectScope(db, principal, slug);
  return { silences: await listSilences(db, project?.id ?? null, { activeOnly }) };
}

export async function createSilenceFor(principal: Principal, body: CreateSilenceBody) {
  const db = await getDb();
  const project = await projectScope(db, principal, body.project);
  return createSilence(db, project?.id ?? null, withoutProject(body), actorOf(principal));
}

export async function expireSilenceFor(principal: Principal, id: string) {
  const db = await getDb();
  checkReach(principal, await silenceProject(db, id), "silence");
  await expireSilence(db, id);
}

export async function channelsFor(principal: Principal, slug: string | undefined) {
  const db = await getDb();
  const project = await projectScope(db, principal, slug);
  return { channels: await listChannels(db, project?.id ?? null) };
}

export async function createChannelFor(principal: Principal, body: CreateChannelBody) {
  const db = await getDb();
  const project = await projectScope(db, principal, body.project);
  return createChannel(db, project?.id ?? null, withoutProject(body), actorOf(principal));
}

export async function deleteChannelFor(principal: Principal, id: string) {
  const db = await getDb();
  checkReach(principal, await channelProject(db, id), "channel");
  await deleteChannel(db, id);
}

export async function testChannelFor(principal: Principal, id: string, baseUrl: string) {
  const db = await getDb();
  checkReach(principal, await channelProject(db, id), "channel");
  return sendTestNotification(db, id, baseUrl);
}
