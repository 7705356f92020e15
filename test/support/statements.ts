/**
 * The distribution-key rule, checked on every statement the app sends: a statement on the
 * telemetry and detector tables names one project (`project_id = $n`, `project_id = ANY(...)`,
 * or an INSERT whose rows carry project_id), because that is the key a distributed PostgreSQL
 * such as Citus would shard these tables on (docs/scaling.md), and a statement that names none
 * would have to visit every node. The only exceptions are the maintenance statements below,
 * tagged in their SQL with a comment `/* cw:maintenance <name> *\/`.
 *
 * Recorded at the driver: node-postgres carries every statement of the app, its own and
 * Prisma's (through @prisma/adapter-pg), over pooled connections. Connections a test opens
 * itself (a bare pg.Client, for assertions) are not the app's and are not checked.
 */
import type pg from "pg";

/** Tables sharded by project. */
export const SHARDED_TABLES = [
  "event",
  "event_receipt",
  "event_minute",
  "event_hour",
  "event_dimension_hour",
  "aggregate_delta",
  "detector_state",
  "detector_checkpoint",
  "detector_hour",
  "detector_late",
  "app_release",
] as const;

/**
 * Every other table: on a distributed PostgreSQL, reference tables (a copy on every node) or
 * tables left on the coordinator, so their statements may span projects and are not checked.
 * Each is small and written at a low rate (docs/scaling.md, with the bench:storage figures).
 *   - the catalogue, projects, keys, accounts and settings, which have no project or are read
 *     with every project's rows;
 *   - the alert tables. Their rows belong to a project, but their statements find them by id
 *     (an incident, a rule, a notification), the alert cycle reads every project's rules, a
 *     channel or silence with no project applies to all, and one notification can cover
 *     incidents of several projects. Distributing them would mean the project in each of those
 *     statements and a project column on IncidentEvent and the notification tables;
 *   - the demo inbox (what the demo's webhook delivered, the last 200 messages), with no project.
 * A new table must be put in one of the two lists (statements.test.ts).
 */
export const REFERENCE_TABLES = [
  "CatalogCode",
  "Project",
  "ApiKey",
  "user",
  "session",
  "account",
  "verification",
  "rateLimit",
  "SignInFailure",
  "AppSetting",
  "AlertRule",
  "Incident",
  "IncidentEvent",
  "Silence",
  "Channel",
  "Notification",
  "NotificationIncident",
  "NotificationAttempt",
  "AlertCycle",
  "DemoInboxMessage",
] as const;

/**
 * Statements allowed to span projects, each for a reason:
 *   - aggregate-merge: the merge adds every waiting batch, of every project, in one statement
 *     (lib/telemetry/aggregates.ts); per project it would be one statement per project a second.
 *   - detector-prune: retention of checkpoints and hourly verdicts, by age, across projects
 *     (lib/detection/repository.ts), as partition drops are for the event tables.
 *   - partition-move: a new partition takes the rows the default partition held for its range,
 *     whatever their project (lib/telemetry/partitions.ts).
 * Schema statements (migrations, partitions, retention's DROP TABLE, VACUUM) are not queries on
 * rows and are not checked.
 */
export const MAINTENANCE_STATEMENTS = new Set([
  "aggregate-merge",
  "detector-prune",
  "partition-move",
]);

const TABLE_REFERENCE = new RegExp(
  `\\b(?:FROM|JOIN|INTO|UPDATE)\\s+(?:ONLY\\s+)?"?(${SHARDED_TABLES.join("|")})"?(?:_p\\d+)?\\b`,
  "gi",
);
const PROJECT_FILTER = /\bproject_id\s*(?:=|IN\b)/i;
const INSERT_WITH_PROJECT = /\bINSERT\s+INTO\s+"?\w+"?\s*(?:AS\s+\w+\s*)?\(\s*project_id\b/i;
const SCHEMA_STATEMENT =
  /^\s*(?:CREATE|ALTER|DROP|COMMENT|VACUUM|ANALYZE|TRUNCATE|GRANT|SET|SHOW|BEGIN|COMMIT|ROLLBACK|EXPLAIN|DO)\b/i;
const MAINTENANCE_TAG = /\/\*\s*cw:maintenance\s+([\w-]+)\s*\*\//;

/** The sharded tables a statement reads or writes rows of. */
function shardedTablesOf(text: string): Set<string> {
  if (SCHEMA_STATEMENT.test(text)) return new Set();
  return new Set([...text.matchAll(TABLE_REFERENCE)].map((m) => m[1]!.toLowerCase()));
}

/**
 * Why `text` breaks the rule, or undefined when it keeps it (or does not touch those tables).
 */
export function distributionProblem(text: string): string | undefined {
  const tables = shardedTablesOf(text);
  if (tables.size === 0) return undefined;
  const tag = MAINTENANCE_TAG.exec(text)?.[1];
  if (tag) {
    return MAINTENANCE_STATEMENTS.has(tag) ? undefined : `unknown maintenance tag "${tag}"`;
  }
  if (PROJECT_FILTER.test(text) || INSERT_WITH_PROJECT.test(text)) return undefined;
  return `touches ${[...tables].join(", ")} without naming a project (project_id)`;
}

export interface StatementRecorder {
  /** Statements on sharded tables that the app sent and that were checked. */
  checked: number;
  violations: { problem: string; statement: string }[];
  stop(): void;
}

/** Starts checking every statement sent over pooled connections of `pgModule`. */
export function recordStatements(pgModule: typeof pg): StatementRecorder {
  const prototype = pgModule.Client.prototype as unknown as {
    query: (...args: unknown[]) => unknown;
  };
  const original = prototype.query;
  const recorder: StatementRecorder = {
    checked: 0,
    violations: [],
    stop: () => {
      prototype.query = original;
    },
  };
  prototype.query = function (this: { release?: unknown }, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : first?.text;
    // pg-pool gives the connections it hands out a release(); a test's own Client has none.
    if (typeof text === "string" && typeof this.release === "function") {
      if (shardedTablesOf(text).size > 0) recorder.checked++;
      const problem = distributionProblem(text);
      if (
        problem &&
        !recorder.violations.some((v) => v.statement === text.replace(/\s+/g, " ").slice(0, 300))
      ) {
        recorder.violations.push({ problem, statement: text.replace(/\s+/g, " ").slice(0, 300) });
      }
    }
    return original.apply(this, args);
  };
  return recorder;
}
