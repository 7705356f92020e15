/**
 * Whether an error means "the database cannot be reached right now" (answer 503 and let the
 * client retry) rather than a bug. Looks through the cause chain: Prisma wraps driver errors.
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
