import "server-only";

import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { getSessionUser, type SessionUser } from "./server";

/** The signed-in user of a page request; anyone else is sent to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser(await headers());
  if (!user) redirect("/sign-in");
  return user;
}
