/**
 * What a role may do in alerting, for hiding and disabling controls (lib/auth/roles.ts is the
 * server's list and the API enforces it; that module pulls in Better Auth, so the UI keeps this
 * copy of the two lines it needs).
 */
import type { Role } from "@/lib/auth/constants";

/** Acknowledge and resolve incidents, change rules and silences: ops and admins. */
export const canOperate = (role: Role) => role === "admin" || role === "ops";

/** See and change notification channels: admins. */
export const canAdminister = (role: Role) => role === "admin";
