/**
 * The aggregates' second half. Each ingest statement (store.ts) appends its batch's counts to
 * aggregate_delta, grouped but not yet added; merging adds every waiting batch to event_minute,
 * its hourly roll-up event_hour, and event_dimension_hour at once. A second's worth of batches shares a few thousand aggregate
 * rows, so each row is updated once per merge instead of once per batch: adding ~500 grouped
 * counts per request into the indexed tables was half of PostgreSQL's work on the write path.
 *
 * Nothing is counted twice or lost: one statement takes the deltas (DELETE … RETURNING) and adds
 * them, so both happen or neither. The same statement moves each app version's first minute
 * forward into app_release (release markers, reads.ts `releases`). The batches' late-minute marks for the spike detector
 * (late-minutes.ts) are written by the same statement, so the detector never sees a mark
 * whose counts are not in event_minute yet (it would replay without them and use the mark up).
 * Two merges at once are safe too: the second waits on the rows the first took, and finds them
 * gone when the first commits. Readers of the aggregates (lib/stats, the spike detector) merge
 * before they read, so an event that got a 2xx is in every chart read after it; the background
 * loop (lib/scheduler.ts) keeps the table short between reads.
 */
import type pg from "pg";

import { allowsNamedStatements } from "../db/client";
import type { Sql } from "../db/sql";
import { logger } from "../log";

// Maintenance: one merge takes every project's waiting batches (test/support/statements.ts).
const MERGE = `/* cw:maintenance aggregate-merge */
  WITH taken AS (DELETE FROM aggregate_delta RETURNING *),
  minutes AS (
    INSERT INTO event_minute (project_id, code, minute, count)
    SELECT t.project_id, m.code, to_timestamp(m.minute * 60::bigint), sum(m.count)::int
    FROM taken t
    CROSS JOIN LATERAL unnest(t.minute_codes, t.minute_starts, t.minute_counts)
      AS m(code, minute, count)
    GROUP BY t.project_id, m.code, m.minute
    ORDER BY t.project_id, m.code, m.minute
    ON CONFLICT (project_id, code, minute) DO UPDATE SET count = event_minute.count + excluded.count
  ),
  hours AS (
    INSERT INTO event_hour (project_id, code, hour, count)
    SELECT t.project_id, m.code, to_timestamp((m.minute / 60) * 3600::bigint), sum(m.count)
    FROM taken t
    CROSS JOIN LATERAL unnest(t.minute_codes, t.minute_starts, t.minute_counts)
      AS m(code, minute, count)
    GROUP BY t.project_id, m.code, m.minute / 60
    ORDER BY t.project_id, m.code, m.minute / 60
    ON CONFLICT (project_id, code, hour) DO UPDATE SET count = event_hour.count + excluded.count
  ),
  dimensions AS (
    INSERT INTO event_dimension_hour (project_id, code, hour, dimension, value, count)
    SELECT t.project_id, d.code, to_timestamp(d.hour * 3600::bigint), d.dimension, d.value,
      sum(d.count)::int
    FROM taken t
    CROSS JOIN LATERAL unnest(t.dimension_codes, t.dimension_hours, t.dimension_names,
      t.dimension_values, t.dimension_counts) AS d(code, hour, dimension, value, count)
    GROUP BY t.project_id, d.code, d.dimension, d.hour, d.value
    -- One order for every merge, so two merges at once lock aggregate rows alike: no deadlock.
    ORDER BY t.project_id, d.code, d.dimension COLLATE "C", d.hour, d.value COLLATE "C"
    ON CONFLICT (project_id, code, dimension, hour, value)
    DO UPDATE SET count = event_dimension_hour.count + excluded.count
  ),
  late AS (
    INSERT INTO detector_late (project_id, code, minute)
    SELECT t.project_id, l.code, to_timestamp(min(l.minute) * 60::bigint)
    FROM taken t CROSS JOIN LATERAL unnest(t.late_codes, t.late_minutes) AS l(code, minute)
    GROUP BY t.project_id, l.code
  ),
  releases AS (
    INSERT INTO app_release (project_id, app_version, first_seen)
    SELECT t.project_id, r.version, to_timestamp(min(r.minute) * 60::bigint)
    FROM taken t
    CROSS JOIN LATERAL unnest(t.release_versions, t.release_minutes) AS r(version, minute)
    GROUP BY t.project_id, r.version
    ORDER BY t.project_id, r.version COLLATE "C"
    ON CONFLICT (project_id, app_version)
    DO UPDATE SET first_seen = least(app_release.first_seen, excluded.first_seen)
    WHERE excluded.first_seen < app_release.first_seen
  )
  SELECT count(*)::int AS batches FROM taken`;

/**
 * Adds every waiting batch to the aggregates; returns how many batches it merged. `prepared`:
 * as a named statement, planned once per connection (parsing and planning the statement was
 * ~1 ms of a read's ~1.4 ms merge when nothing waits); not on PGlite (allowsNamedStatements).
 */
export async function mergeAggregateDeltas(
  sql: Sql,
  options: { prepared?: boolean } = {},
): Promise<number> {
  const { rows } = await sql.query<{ batches: number }>(
    options.prepared ? { name: "cw-merge-aggregate-deltas", text: MERGE } : MERGE,
  );
  return rows[0]?.batches ?? 0;
}

/** mergeAggregateDeltas on a pool, prepared where the database allows it. */
export async function mergeOnPool(pool: pg.Pool): Promise<number> {
  return mergeAggregateDeltas(pool, { prepared: await allowsNamedStatements(pool) });
}

/**
 * Before a read of the aggregates: merge what is waiting, so the answer counts every batch that
 * got a 2xx. A failed merge does not fail the read: the answer may then miss the last second of
 * batches, which the next merge adds (a merge that keeps failing is logged and counted by the
 * background loop). If the database itself is down, the read's own query fails anyway.
 */
export async function mergeBeforeRead(pool: pg.Pool): Promise<void> {
  await mergeOnPool(pool).catch((error: unknown) => {
    logger().warn({ err: error }, "aggregate merge before a read failed, answering without it");
  });
}
