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
  /can't reach database|connection terminated|connection (?:is )?closed|server (?:has )?closed the connection|timeout exceeded when trying to connect|too many clients|socket hang up|ECONNREFUSED/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    originalCode?: unknown;
    kind?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  for (const code of [e.code, e.originalCode, e.kind]) {
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
  }
  if (typeof e.message === "string" && CONNECTION_MESSAGES.test(e.message)) return true;
  // Prisma keeps the driver's error under meta.driverAdapterError, the adapter's under cause.
  return (
    isDatabaseUnavailable(e.cause, depth + 1) ||
    isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1)
  );
}
