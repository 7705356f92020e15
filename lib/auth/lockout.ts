/**
 * Per-account lockout for password sign-in. Better Auth's rate limiter counts by client address,
 * which a client can choose itself when the app is reachable without a proxy that sets
 * X-Forwarded-For; this counts failures per email instead, so guessing one account's password
 * stays slow from any number of addresses.
 */
import type { Db } from "../db/client";

export const LOCKOUT_MAX_FAILURES = 10;
export const LOCKOUT_WINDOW_SECONDS = 15 * 60;

function windowStart(): Date {
  return new Date(Date.now() - LOCKOUT_WINDOW_SECONDS * 1000);
}

export async function isLockedOut(db: Db, email: string): Promise<boolean> {
  const failures = await db.signInFailure.count({
    where: { email: email.toLowerCase(), attemptedAt: { gte: windowStart() } },
  });
  return failures >= LOCKOUT_MAX_FAILURES;
}

export async function recordSignInFailure(db: Db, email: string): Promise<void> {
  await db.signInFailure.create({ data: { email: email.toLowerCase() } });
  // Old rows are useless; dropping them here keeps the table as small as the window.
  await db.signInFailure.deleteMany({ where: { attemptedAt: { lt: windowStart() } } });
}

export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.signInFailure.deleteMany({ where: { email: email.toLowerCase() } });
}
