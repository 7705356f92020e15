/**
 * Whether an error means "the database cannot do this right now" (answer 503 and let the
 * client retry) rather than a bug. Looks through the cause chain: Prisma wraps driver errors.
 * Besides lost connections, that is a transaction PostgreSQL rolled back to break a deadlock or
 * a serialization conflict (e.g. an ingest batch against the daily partition drop): nothing of
 * it was stored, and the same request succeeds when sent again.
 */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  // PostgreSQL: connection failures, shutdown, too many connections, cannot connect now.
  "08000",
  "08001",
  "08003",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  // PostgreSQL: rolled back to resolve a deadlock or a serialization conflict; lock timeout.
  "40P01",
  "40001",
  "55P03",
  // Prisma: cannot reach, connection closed, pool timeout.
  "P1001",
  "P1017",
  "P2024",
  // Prisma driver-adapter error kinds.
  "ConnectionClosed",
  "DatabaseNotReachable",
  "SocketTimeout",
  "TooManyConnections",
]);

const CONNECTION_MESSAGES =
  /can't reach database|connection terminated|connection (?:is )?closed|server (?:has )?closed the connection|timeout exceeded when trying to connect|too many clients|socket hang up|ECONNREFUSED|unable to start a transaction in the given time/i;

/** Whether `test` holds for `error` or an error it wraps (Prisma keeps the driver's deeper). */
function anyInChain(error: unknown, test: (e: ErrorShape) => boolean, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  const e = error as ErrorShape;
  if (test(e)) return true;
  // Prisma keeps the driver's error under meta.driverAdapterError, the adapter's under cause.
  return (
    anyInChain(e.cause, test, depth + 1) || anyInChain(e.meta?.driverAdapterError, test, depth + 1)
  );
}

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  meta?: { driverAdapterError?: unknown };
}

const codesOf = (e: ErrorShape) => [e.code, e.originalCode, e.kind];

export function isDatabaseUnavailable(error: unknown): boolean {
  return anyInChain(
    error,
    (e) =>
      codesOf(e).some((code) => typeof code === "string" && CONNECTION_CODES.has(code)) ||
      (typeof e.message === "string" && CONNECTION_MESSAGES.test(e.message)),
  );
}

/**
 * PostgreSQL refused a text value: a NUL character (22021) or bytes its encoding cannot hold
 * (22P05). Only request text can carry those, so it is the client's error, not ours.
 */
export function isUnstorableText(error: unknown): boolean {
  return anyInChain(error, (e) => codesOf(e).some((code) => code === "22021" || code === "22P05"));
}

/**
 * A unique constraint refused a row (Prisma's P2002, PostgreSQL's 23505 under the driver
 * adapter): two writers created the same thing at once.
 */
export function isUniqueViolation(error: unknown): boolean {
  return anyInChain(error, (e) => codesOf(e).some((code) => code === "P2002" || code === "23505"));
}
