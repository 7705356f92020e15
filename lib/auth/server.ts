import "server-only";

import { getDb } from "../db/server";
import { createAuth, resolveAuthSecret, type Auth } from "./better-auth";
import { isRole, type Role } from "./constants";

const holder = globalThis as typeof globalThis & { __codewatchAuth?: Promise<Auth> };

/** The app's Better Auth instance, one per process. */
export function getAuth(): Promise<Auth> {
  holder.__codewatchAuth ??= (async () => {
    const db = await getDb();
    return createAuth(db, await resolveAuthSecret(db));
  })();
  return holder.__codewatchAuth;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The signed-in user for these request headers, or undefined (also for a disabled user). */
export async function getSessionUser(headers: Headers): Promise<SessionUser | undefined> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  if (!session || session.user.banned) return undefined;
  const role = session.user.role;
  // A user whose role is not one of ours is treated as signed out rather than guessed at.
  if (!isRole(role)) return undefined;
  return { id: session.user.id, email: session.user.email, name: session.user.name, role };
}
