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

/**
 * Records an attempt as failed *before* the password is checked, then counts: with many
 * attempts in parallel, each sees at least the attempts committed before it, so no more than
 * LOCKOUT_MAX_FAILURES ever reach the password check. A successful sign-in clears the rows
 * (clearSignInFailures); a refused one leaves its row counted.
 * Returns false, and removes its own row, when the account is locked.
 */
export async function admitSignInAttempt(db: Db, email: string): Promise<boolean> {
  const attempt = await db.signInFailure.create({ data: { email: email.toLowerCase() } });
  const failures = await db.signInFailure.count({
    where: { email: email.toLowerCase(), attemptedAt: { gte: windowStart() } },
  });
  if (failures <= LOCKOUT_MAX_FAILURES) return true;
  await db.signInFailure.delete({ where: { id: attempt.id } });
  // Old rows are useless; dropping them here keeps the table as small as the window.
  await db.signInFailure.deleteMany({ where: { attemptedAt: { lt: windowStart() } } });
  return false;
}

export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.signInFailure.deleteMany({ where: { email: email.toLowerCase() } });
}
