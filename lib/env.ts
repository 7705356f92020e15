/**
 * Every environment variable codewatch reads, validated in one place.
 * Nothing else reads process.env directly.
 */
import { z } from "zod";

const envSchema = z.object({
  /** A real PostgreSQL. When unset, the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
    .optional(),
  /** Where the embedded database keeps its files. */
  CW_DATA_DIR: z.string().default(".data"),
  /** Port of the embedded database server; 0 picks a free port. */
  CW_EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
  /** Connections per process to PostgreSQL. */
  CW_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment: ${problems.join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}
