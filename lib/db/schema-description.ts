/**
 * A comparable description of a database's schema (tables, columns, constraints, indexes,
 * enums), read from pg_catalog. Used to check that migrations and schema.prisma agree; works
 * against PostgreSQL and PGlite alike, where pg_dump cannot (PGlite reports a newer server).
 */
import pg from "pg";

import { EXTERNAL_TABLES } from "./migrations";

/**
 * Prisma's own bookkeeping table is not part of our schema; the SQL-managed telemetry tables
 * and their partitions are not in schema.prisma, so a database built from it lacks them.
 */
const IGNORED_TABLES = ["_prisma_migrations", ...EXTERNAL_TABLES];

export async function describeSchema(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ line: string }>(
      `
      SELECT 'column ' || c.relname || '.' || a.attname || ' ' ||
             format_type(a.atttypid, a.atttypmod) ||
             CASE WHEN a.attnotnull THEN ' not null' ELSE '' END ||
             COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0
        AND NOT a.attisdropped AND c.relname <> ALL($1) AND NOT c.relispartition
      UNION ALL
      SELECT 'constraint ' || c.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
      FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname <> ALL($1) AND NOT c.relispartition
      UNION ALL
      SELECT 'index ' || i.indexdef FROM pg_indexes i
      JOIN pg_class c ON c.relname = i.tablename
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = i.schemaname
      WHERE i.schemaname = 'public' AND i.tablename <> ALL($1) AND NOT c.relispartition
      UNION ALL
      SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
      FROM pg_type t
      JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public'
      GROUP BY t.typname
      `,
      [IGNORED_TABLES],
    );
    return rows.rows.map((r) => r.line).sort();
  } finally {
    await client.end();
  }
}
