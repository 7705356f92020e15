/**
 * Users, through Better Auth (it owns passwords and sessions). Our API has already checked that
 * the caller is an admin; the admin plugin checks again for role changes and bans, because those
 * calls carry the admin's own session.
 */
import { isAPIError } from "better-auth/api";

import type { Auth } from "../auth/better-auth";
import { isRole, type Role } from "../auth/constants";
import type { Db } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import type { UserDto } from "./dto";

function toDto(u: {
  id: string;
  email: string;
  name: string;
  role: string | null;
  banned: boolean | null;
  createdAt: Date;
}): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: isRole(u.role) ? u.role : null,
    disabled: u.banned === true,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function listUsers(db: Db): Promise<UserDto[]> {
  return (await db.user.findMany({ orderBy: { email: "asc" } })).map(toDto);
}

export async function findUserByEmail(db: Db, email: string): Promise<UserDto | undefined> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  return user ? toDto(user) : undefined;
}

export async function createUser(
  db: Db,
  auth: Auth,
  input: { email: string; name?: string; role: Role; password: string },
): Promise<UserDto> {
  try {
    const { user } = await auth.api.createUser({
      body: {
        email: input.email,
        password: input.password,
        name: input.name ?? input.email.split("@")[0]!,
        role: input.role,
      },
    });
    return toDto(await db.user.findUniqueOrThrow({ where: { id: user.id } }));
  } catch (error) {
    if (isAPIError(error) && /exist/i.test(String(error.body?.code ?? error.message))) {
      throw new ConflictError(`a user with email ${input.email} already exists`);
    }
    throw error;
  }
}

/**
 * Changes a user's role or disables (bans) them; disabling ends their sessions at once.
 * `adminHeaders` are the request headers of the admin doing it. Throws NotFoundError for an
 * unknown user, ConflictError when admins would lock themselves out.
 */
export async function updateUser(
  db: Db,
  auth: Auth,
  adminHeaders: Headers,
  actingUserId: string,
  userId: string,
  change: { role?: Role; disabled?: boolean },
): Promise<UserDto> {
  if (!(await db.user.findUnique({ where: { id: userId } }))) {
    throw new NotFoundError(`no user ${userId}`);
  }
  if (
    userId === actingUserId &&
    (change.disabled === true || (change.role && change.role !== "admin"))
  ) {
    // Keeps at least the acting admin able to undo a mistake.
    throw new ConflictError("you cannot disable yourself or remove your own admin role");
  }
  if (change.role)
    await auth.api.setRole({ body: { userId, role: change.role }, headers: adminHeaders });
  if (change.disabled === true) await auth.api.banUser({ body: { userId }, headers: adminHeaders });
  if (change.disabled === false)
    await auth.api.unbanUser({ body: { userId }, headers: adminHeaders });
  return toDto(await db.user.findUniqueOrThrow({ where: { id: userId } }));
}

/** Sets a new password (demo users, `cw users create` on an existing email is refused instead). */
export async function setUserPassword(
  auth: Auth,
  db: Db,
  userId: string,
  password: string,
): Promise<void> {
  const context = await auth.$context;
  const hash = await context.password.hash(password);
  await context.internalAdapter.updatePassword(userId, hash);
  await db.session.deleteMany({ where: { userId } });
}
