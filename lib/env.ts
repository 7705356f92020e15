/**
 * Every environment variable codewatch reads, validated in one place.
 * Nothing else reads process.env directly.
 */
import { z } from "zod";

/** Exported for test/readme.test.ts, which holds README.md's table of variables to it. */
export const envSchema = z.object({
  /** A real PostgreSQL. When unset, the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
    .optional(),
  /** Where the embedded database keeps its files. */
  CW_DATA_DIR: z.string().default(".data"),
  /** Port of the embedded database server; 0 picks a free port. */
  CW_EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
  /** Signs session cookies; when unset, one is generated and kept in the database. */
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** The address people use, e.g. https://codewatch.example.com; https makes cookies Secure. */
  CW_PUBLIC_URL: z.url().optional(),
  /** The port the server listens on (Next.js reads it too); links fall back to localhost:PORT. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Other origins allowed to call the API with a session cookie, comma-separated. */
  CW_TRUSTED_ORIGINS: z
    .string()
    .optional()
    .transform(
      (value) =>
        value
          ?.split(",")
          .map((o) => o.trim())
          .filter(Boolean) ?? [],
    ),
  /**
   * The header carrying the client's address, for sign-in throttling per address. Behind a
   * proxy, the header it sets (e.g. x-real-ip); without one, x-forwarded-for can be forged by
   * clients, and only the per-account lockout holds.
   */
  CW_CLIENT_IP_HEADER: z.string().default("x-forwarded-for"),
  /** Days raw events are kept (aggregates are kept CW_AGGREGATE_RETENTION_MONTHS). */
  CW_RAW_RETENTION_DAYS: z.coerce.number().int().min(1).max(366).default(30),
  CW_AGGREGATE_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(13),
  /** Key of the HMAC that replaces deviceId; when unset, one is generated and kept in the database. */
  CW_DEVICE_HASH_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /** Ingest requests one API key may make per second (burst: twice that). */
  CW_INGEST_REQUESTS_PER_SECOND: z.coerce.number().positive().default(50),
  /** Ingest requests one process works on at once; more wait for none and get 429. */
  CW_INGEST_MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(8),
  /**
   * "1": the server schedules no background work (retention, spike detectors, the aggregate
   * merge, the alert cycle: such a process never pages); run retention from cron instead. Reads
   * still merge and advance what they need.
   */
  CW_DISABLE_SCHEDULER: z.enum(["0", "1"]).default("0"),
  /**
   * How readily the spike detector flags a surge: low (fewer, larger spikes), medium, high.
   * Changing it replays every code's history with the new setting (lib/detection).
   */
  CW_DETECTOR_SENSITIVITY: z.enum(["low", "medium", "high"]).default("medium"),
  /**
   * Seconds between alert evaluations (lib/alerts/cycle.ts): the latest minutes are judged and
   * incidents opened this often, once across every instance sharing the database.
   */
  CW_ALERT_CYCLE_SECONDS: z.coerce.number().min(1).max(300).default(15),
  /** When set, GET /metrics requires this bearer token. */
  CW_METRICS_TOKEN: z.string().min(16).optional(),
  /** The server log's threshold: trace, debug, info, warn, error, fatal or silent. */
  CW_LOG_LEVEL: z
    .enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])
    .default("info"),
  /**
   * json: one JSON object a line (level, time, msg, requestId...), for log shippers; pretty:
   * readable lines, for the demo and development (`cw demo` and `cw dev` set it).
   */
  CW_LOG_FORMAT: z.enum(["json", "pretty"]).default("json"),
  /** Where log lines go: stdout for a server; the command line uses stderr (stdout is results). */
  CW_LOG_DESTINATION: z.enum(["stdout", "stderr"]).default("stdout"),
  /** Connections per process to PostgreSQL. */
  CW_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * 1: the demo inbox is on (`npm run demo` sets it): POST /api/demo/inbox receives the demo
   * webhook channel's messages, and /demo/inbox shows them. Off anywhere else.
   */
  CW_DEMO_INBOX: z.enum(["0", "1"]).default("0"),
  /**
   * Minutes from `npm run demo`'s start to its live 50502 surge (1–60). The fresh-clone demo
   * test (e2e-demo/) sets 3 to keep CI within its time; a visitor gets 5, time to look around.
   */
  CW_DEMO_SURGE_AFTER_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET || undefined,
    CW_PUBLIC_URL: process.env.CW_PUBLIC_URL || undefined,
    CW_DEVICE_HASH_KEY: process.env.CW_DEVICE_HASH_KEY || undefined,
    CW_METRICS_TOKEN: process.env.CW_METRICS_TOKEN || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment: ${problems.join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Where links in notifications point: CW_PUBLIC_URL, else this server on localhost. */
export function publicBaseUrl(): string {
  const env = getEnv();
  return env.CW_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}
