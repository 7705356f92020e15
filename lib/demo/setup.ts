/**
 * The demo project's alerting, made ready by `npm run demo` on every start: a rule for the
 * pairing family (the built-in rules already watch 50502 and new codes; the history's pairing
 * wave after a release needs its own), and a webhook channel to the demo inbox on this server,
 * with a random signing secret of its own. Idempotent: a second start finds both and changes nothing,
 * unless the port moved, when the channel is made again with the new address.
 */
import { randomBytes } from "node:crypto";

import { createRuleBody, withoutProject } from "../alerts/api-schemas";
import { channelsWithUrl, createChannel, deleteChannel } from "../alerts/channels";
import { createRule, listRules } from "../alerts/rules";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { getProjectBySlug } from "../projects/repository";
import { INBOX_PATH } from "./inbox";

export const DEMO_PROJECT = "demo";
export const INBOX_CHANNEL_NAME = "Demo inbox";
export const PAIRING_RULE_NAME = "Pairing failures surge";

/** The inbox's address on the server at `baseUrl` (e.g. http://localhost:3000). */
export function inboxUrl(baseUrl: string): string {
  return new URL(INBOX_PATH, baseUrl).toString();
}

export async function ensureDemoAlerting(
  db: Db,
  baseUrl: string,
): Promise<{ ruleCreated: boolean; channelCreated: boolean }> {
  const project = await getProjectBySlug(db, DEMO_PROJECT);
  if (!project) throw new NotFoundError(`No project ${DEMO_PROJECT}.`);
  const hasRule = (await listRules(db, project.id)).some(
    (r) => r.kind === "anomaly" && r.family === "pairing",
  );
  if (!hasRule) {
    // Through the API's own schema, so the rule gets the defaults a user's rule would.
    const body = createRuleBody.parse({
      project: DEMO_PROJECT,
      name: PAIRING_RULE_NAME,
      kind: "anomaly",
      family: "pairing",
    });
    await createRule(db, project.id, withoutProject(body));
  }
  const url = inboxUrl(baseUrl);
  const existing = await channelsWithUrl(
    db,
    "webhook",
    (u) => u.pathname === INBOX_PATH,
    project.id,
  );
  let current = false;
  for (const channel of existing.filter((c) => c.name === INBOX_CHANNEL_NAME)) {
    if (!current && channel.url === url && channel.secret) current = true;
    else await deleteChannel(db, channel.id);
  }
  if (!current) {
    // A secret of its own: the inbox checks against every channel that delivers to it.
    const secret = randomBytes(32).toString("hex");
    await createChannel(
      db,
      project.id,
      { name: INBOX_CHANNEL_NAME, type: "webhook", url, secret },
      "demo",
    );
  }
  return { ruleCreated: !hasRule, channelCreated: !current };
}
