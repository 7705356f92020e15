/**
 * Account and key constants, in a module without dependencies, so browser code (forms) and the
 * server share them: client components import these, never the modules that use them
 * (which pull in node:crypto or Better Auth's server).
 */

/** Roles, least to most: support reads, ops also acts on incidents and rules, admin manages. */
export const ROLES = ["admin", "ops", "support"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** What an API key may do: send telemetry, or read the API for its project. */
export const API_KEY_SCOPES = ["ingest", "read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;
