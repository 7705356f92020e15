/**
 * Who may do what. Roles are enforced by the API (lib/http/route.ts) and, for user management,
 * by Better Auth's admin plugin as well; the UI only hides what a role cannot use.
 *
 * - support: catalogue, charts, incidents (read)
 * - ops: also acknowledge/resolve incidents, alert rules, silences
 * - admin: also projects, API keys, channels, users
 */
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";

import type { Role } from "./constants";

/** Roles allowed to do each kind of thing, for route specs: `auth: { roles: CAN.manageKeys }`. */
export const CAN = {
  read: ["admin", "ops", "support"],
  operate: ["admin", "ops"],
  administer: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export const accessControl = createAccessControl(defaultStatements);

/** Better Auth admin-plugin permissions: only admins manage users and sessions. */
export const authRoles = {
  admin: accessControl.newRole(adminAc.statements),
  ops: accessControl.newRole({ user: [], session: [] }),
  support: accessControl.newRole({ user: [], session: [] }),
};
