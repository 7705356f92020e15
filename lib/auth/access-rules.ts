/** The access rule of each kind of endpoint, named once so routes read like the role table. */
import type { AccessRule } from "./authorize";
import { CAN } from "./roles";

/** Catalogue, charts: every signed-in role, or a key with the read scope. */
export const readCatalogue = { roles: CAN.read, scopes: ["read"] } as const satisfies AccessRule;
/** Listing projects: every signed-in role; a read key sees its own project. */
export const readProjects = { roles: CAN.read, scopes: ["read"] } as const satisfies AccessRule;
/** Projects, keys, users: admins only, never a key. */
export const administer = { roles: CAN.administer } as const satisfies AccessRule;
/**
 * Telemetry: a key with the ingest scope; never a session. The ingest contract (product.md)
 * answers 401 to a key without that scope, as to no key: to a device, both mean "fix the key".
 */
export const ingestTelemetry = {
  scopes: ["ingest"],
  wrongScopeUnauthenticated: true,
} as const satisfies AccessRule;
/** Incidents: every signed-in role, or a read key of the incident's project. */
export const readIncidents = { roles: CAN.read, scopes: ["read"] } as const satisfies AccessRule;
/** Acknowledge and resolve incidents, rules, silences: ops and admins, never a key. */
export const operate = { roles: CAN.operate } as const satisfies AccessRule;
