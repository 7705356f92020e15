/**
 * Sign-in throttling that counts failures, never successes. Each attempt writes a SignInFailure
 * row before the password is checked; a success deletes its account's rows, a failure marks its
 * row failed. Two limits read those rows:
 * - per account: after LOCKOUT_MAX_FAILURES the account refuses sign-in from every address, since
 *   a client can choose its own address when no proxy sets CW_CLIENT_IP_HEADER;
 * - per client address: after ADDRESS_MAX_FAILURES the address is refused whatever email it tries
 *   (password spraying), while a team signing in from one office address leaves no rows behind.
 */
import type { Db } from "../db/client";

export const LOCKOUT_MAX_FAILURES = 10;
export const LOCKOUT_WINDOW_SECONDS = 15 * 60;
/** Failed sign-ins one client address may make within LOCKOUT_WINDOW_SECONDS. */
export const ADDRESS_MAX_FAILURES = 20;

/**
 * A password check ends well within this. A row still unmarked after it belongs to an attempt
 * whose process died before the outcome was written, and counts as a failure.
 */
const IN_FLIGHT_SECONDS = 10;
const IN_FLIGHT_POLL_MS = 100;
/** Seconds to come back after when attempts in flight kept an address full for too long. */
const BUSY_RETRY_SECONDS = 5;
/** Advisory lock class for sign-in attempts by address (others: lib/ingest, lib/detection). */
const ADDRESS_LOCK = 7_200_104;

export type SignInAdmission =
  | { admitted: true }
  | { admitted: false; lockedBy: "account" | "address"; retryAfterSeconds: number };

function windowStart(now = Date.now()): Date {
  return new Date(now - LOCKOUT_WINDOW_SECONDS * 1000);
}

type Reservation = { id: string } | { retryAfterSeconds: number } | "wait";

/**
 * Counts the address's failures and attempts in flight and, if there is room, writes this
 * attempt's row, under a lock per address so parallel attempts take turns: no more than
 * ADDRESS_MAX_FAILURES ever reach the password check. Attempts in flight count until they end,
 * as they may fail; when only they fill the address, the caller waits for them instead of being
 * refused, because those that succeed leave.
 */
async function reserveForAddress(
  db: Db,
  email: string,
  address: string | null,
  giveUpAt: number,
): Promise<Reservation> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADDRESS_LOCK}::int, hashtext(${address ?? ""}))`;
    const now = Date.now();
    const rows = await tx.signInFailure.findMany({
      where: { address, attemptedAt: { gte: windowStart(now) } },
      select: { attemptedAt: true, failedAt: true },
      orderBy: { attemptedAt: "asc" },
    });
    if (rows.length < ADDRESS_MAX_FAILURES) {
      const data = { email, address, attemptedAt: new Date(now) };
      return { id: (await tx.signInFailure.create({ data, select: { id: true } })).id };
    }
    const failed = rows.filter(
      (r) => r.failedAt !== null || r.attemptedAt.getTime() <= now - IN_FLIGHT_SECONDS * 1000,
    );
    if (failed.length < ADDRESS_MAX_FAILURES)
      return now < giveUpAt ? "wait" : { retryAfterSeconds: BUSY_RETRY_SECONDS };
    // Room comes back when the failure that brings the count under the limit leaves the window.
    const leaving = failed[failed.length - ADDRESS_MAX_FAILURES]!.attemptedAt.getTime();
    const seconds = Math.ceil((leaving + LOCKOUT_WINDOW_SECONDS * 1000 - now) / 1000);
    return { retryAfterSeconds: Math.max(1, seconds) };
  });
}

/**
 * Records an attempt *before* the password is checked, then counts: per address under a lock
 * (reserveForAddress), per account without one. With many attempts on one account in parallel,
 * each sees at least the attempts committed before it, so no more than LOCKOUT_MAX_FAILURES
 * ever reach the password check. A refused attempt leaves no row: it checked no password.
 * `address` is the client address as Better Auth resolves it; attempts whose address is unknown
 * (null) share one budget.
 */
export async function admitSignInAttempt(
  db: Db,
  email: string,
  address: string | null,
): Promise<SignInAdmission> {
  const normalised = email.toLowerCase();
  // By then every attempt it could be waiting for has ended or counts as failed.
  const giveUpAt = Date.now() + IN_FLIGHT_SECONDS * 1000;
  let reservation = await reserveForAddress(db, normalised, address, giveUpAt);
  while (reservation === "wait") {
    await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_POLL_MS));
    reservation = await reserveForAddress(db, normalised, address, giveUpAt);
  }
  if (!("id" in reservation)) {
    await deleteExpiredFailures(db);
    return { admitted: false, lockedBy: "address", ...reservation };
  }
  const failures = await db.signInFailure.count({
    where: { email: normalised, attemptedAt: { gte: windowStart() } },
  });
  if (failures <= LOCKOUT_MAX_FAILURES) return { admitted: true };
  await db.signInFailure.delete({ where: { id: reservation.id } });
  await deleteExpiredFailures(db);
  return { admitted: false, lockedBy: "account", retryAfterSeconds: LOCKOUT_WINDOW_SECONDS };
}

/** The password check of an admitted attempt failed: its row now counts as a failure. */
export async function recordSignInFailure(
  db: Db,
  email: string,
  address: string | null,
): Promise<void> {
  // Rows of one account and address are interchangeable; SKIP LOCKED lets parallel failures
  // each mark a different one.
  await db.$executeRaw`
    UPDATE "SignInFailure" SET "failedAt" = ${new Date()}
    WHERE id = (
      SELECT id FROM "SignInFailure"
      WHERE email = ${email.toLowerCase()} AND address IS NOT DISTINCT FROM ${address}::text
        AND "failedAt" IS NULL
      ORDER BY "attemptedAt" LIMIT 1 FOR UPDATE SKIP LOCKED)`;
}

/** A successful sign-in forgets the account's failures (from every address). */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.signInFailure.deleteMany({ where: { email: email.toLowerCase() } });
}

/** Old rows are useless; dropping them when refusing keeps the table as small as the window. */
async function deleteExpiredFailures(db: Db): Promise<void> {
  await db.signInFailure.deleteMany({ where: { attemptedAt: { lt: windowStart() } } });
}
