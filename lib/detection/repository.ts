/**
 * The detector's tables (migration 20261126220000_detector_state): states, midnight
 * checkpoints and hourly verdicts (the late-minute marks belong to lib/telemetry/late-minutes.ts). Minutes are passed as integers (UTC
 * minutes since the epoch) and converted in SQL. Plain node-postgres, like the other telemetry
 * tables: these run inside the same transactions as the reads and writes around them.
 */
import type { DetectorSnapshot } from "../detect";
import type { Sql } from "../db/sql";
import type { HourTotals } from "./hour-totals";

export interface StoredState {
  /** `settingsKey` of the settings the detector ran with. */
  settings: string;
  /** Changes whenever the state is written: names this exact snapshot (lib/detection/cache.ts). */
  version: string;
  /** Changes when the stored hours are rewritten (a replay): hours read before are stale. */
  generation: number;
  startMinute: number;
  nextMinute: number;
}

const MINUTE_OF = (column: string) => `(extract(epoch FROM ${column}) / 60)::int`;

export async function loadStates(
  sql: Sql,
  projectId: string,
  codes: number[],
): Promise<Map<number, StoredState>> {
  const { rows } = await sql.query<{
    code: number;
    settings: string;
    version: string;
    generation: number;
    start: number;
    next: number;
  }>(
    `SELECT code, settings, updated_at::text AS version, generation,
            ${MINUTE_OF("start_minute")} AS start, ${MINUTE_OF("next_minute")} AS next
     FROM detector_state WHERE project_id = $1 AND code = ANY($2::int[])`,
    [projectId, codes],
  );
  return new Map(
    rows.map((r) => [
      r.code,
      {
        settings: r.settings,
        version: r.version,
        generation: r.generation,
        startMinute: r.start,
        nextMinute: r.next,
      },
    ]),
  );
}

/** The stored snapshots of `codes`. */
export async function loadSnapshots(
  sql: Sql,
  projectId: string,
  codes: number[],
): Promise<Map<number, DetectorSnapshot>> {
  if (codes.length === 0) return new Map();
  const { rows } = await sql.query<{ code: number; snapshot: string }>(
    `SELECT code, snapshot FROM detector_state WHERE project_id = $1 AND code = ANY($2::int[])`,
    [projectId, codes],
  );
  return new Map(rows.map((r) => [r.code, JSON.parse(r.snapshot) as DetectorSnapshot]));
}

/** Codes of the project with a stored detector. */
export async function trackedCodes(sql: Sql, projectId: string): Promise<number[]> {
  const { rows } = await sql.query<{ code: number }>(
    `SELECT code FROM detector_state WHERE project_id = $1`,
    [projectId],
  );
  return rows.map((r) => r.code);
}

/** The latest checkpoint of each code at or before `atOrBefore`. */
export async function latestCheckpoints(
  sql: Sql,
  projectId: string,
  codes: number[],
  atOrBefore: number,
): Promise<Map<number, DetectorSnapshot>> {
  const { rows } = await sql.query<{ code: number; snapshot: string }>(
    `SELECT DISTINCT ON (code) code, snapshot FROM detector_checkpoint
     WHERE project_id = $1 AND code = ANY($2::int[]) AND minute <= to_timestamp($3::bigint * 60)
     ORDER BY code, minute DESC`,
    [projectId, codes, atOrBefore],
  );
  return new Map(rows.map((r) => [r.code, JSON.parse(r.snapshot) as DetectorSnapshot]));
}

/** A code's stored hours, column by column (`upper` null where a minute had no verdict). */
export interface StoredHours {
  hour: number[];
  count: number[];
  expected: number[];
  upper: (number | null)[];
  spikeMinutes: number[];
  peak: number[];
  peakExpected: number[];
}

/**
 * Stored hours of `codes` in [from, to). A month of every code is tens of thousands of rows, so
 * each code comes as one row of JSON arrays: V8 parses that far faster, and allocates far less,
 * than node-postgres turning every value of every row into a field.
 */
export async function readHours(
  sql: Sql,
  projectId: string,
  codes: number[],
  from: number,
  to: number,
): Promise<Map<number, StoredHours>> {
  const { rows } = await sql.query<{ code: number; hours: string }>(
    `SELECT code, json_build_object(
              'hour', array_agg(${MINUTE_OF("hour")}), 'count', array_agg(count),
              'expected', array_agg(expected), 'upper', array_agg(upper),
              'spikeMinutes', array_agg(spike_minutes), 'peak', array_agg(peak),
              'peakExpected', array_agg(peak_expected))::text AS hours
     FROM detector_hour
     WHERE project_id = $1 AND code = ANY($2::int[])
       AND hour >= to_timestamp($3::bigint * 60) AND hour < to_timestamp($4::bigint * 60)
     GROUP BY code`,
    [projectId, codes, from, to],
  );
  return new Map(rows.map((r) => [r.code, JSON.parse(r.hours) as StoredHours]));
}

/** Forgets a code's hourly verdicts and checkpoints from `from` on (before a full replay). */
export async function clearFrom(sql: Sql, projectId: string, code: number, from: number) {
  const params = [projectId, code, from];
  const where = `project_id = $1 AND code = $2`;
  await sql.query(
    `DELETE FROM detector_hour WHERE ${where} AND hour >= to_timestamp($3::bigint * 60)`,
    params,
  );
  await sql.query(
    `DELETE FROM detector_checkpoint WHERE ${where} AND minute >= to_timestamp($3::bigint * 60)`,
    params,
  );
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

const HOUR_COLUMNS = `(project_id, code, hour, count, expected, upper, spike_minutes, peak,
  peak_expected)`;
const HOUR_ROWS = `SELECT $1::uuid, $2::int, to_timestamp(h::bigint * 60), n, e, u, s, p, pe
  FROM unnest($3::int[], $4::int[], $5::float8[], $6::float8[], $7::int[], $8::int[],
              $9::float8[]) AS t(h, n, e, u, s, p, pe)`;
/** A recomputed hour replaces the stored one. */
const REPLACE_HOURS = `INSERT INTO detector_hour ${HOUR_COLUMNS} ${HOUR_ROWS}
  ON CONFLICT (project_id, code, hour) DO UPDATE SET count = excluded.count,
    expected = excluded.expected, upper = excluded.upper, spike_minutes = excluded.spike_minutes,
    peak = excluded.peak, peak_expected = excluded.peak_expected`;
/** The rest of an hour adds to the minutes already stored (upper stays NULL once NULL). */
const ADD_TO_HOUR = `INSERT INTO detector_hour AS d ${HOUR_COLUMNS} ${HOUR_ROWS}
  ON CONFLICT (project_id, code, hour) DO UPDATE SET count = d.count + excluded.count,
    expected = d.expected + excluded.expected, upper = d.upper + excluded.upper,
    spike_minutes = d.spike_minutes + excluded.spike_minutes,
    peak = greatest(d.peak, excluded.peak),
    peak_expected = CASE WHEN d.peak >= excluded.peak THEN d.peak_expected
                         ELSE excluded.peak_expected END`;

function hourParams(projectId: string, code: number, hours: HourTotals[]) {
  return [
    projectId,
    code,
    hours.map((h) => h.hour),
    hours.map((h) => h.count),
    hours.map((h) => h.expected),
    hours.map((h) => finite(h.upper)),
    hours.map((h) => h.spikeMinutes),
    hours.map((h) => h.peak),
    hours.map((h) => h.peakExpected),
  ];
}

/**
 * Writes hourly totals. `continuing` is the hour a resumed detector was in the middle of: its
 * stored row holds the earlier minutes, so the new ones are added to it; every other hour is
 * replaced (a replay recomputes it whole).
 */
export async function writeHours(
  sql: Sql,
  projectId: string,
  code: number,
  hours: HourTotals[],
  continuing: number | undefined,
): Promise<void> {
  const added = hours.filter((h) => h.hour === continuing);
  const replaced = hours.filter((h) => h.hour !== continuing);
  if (added.length > 0) await sql.query(ADD_TO_HOUR, hourParams(projectId, code, added));
  for (let i = 0; i < replaced.length; i += 5_000) {
    await sql.query(REPLACE_HOURS, hourParams(projectId, code, replaced.slice(i, i + 5_000)));
  }
}

export async function writeCheckpoints(
  sql: Sql,
  projectId: string,
  code: number,
  checkpoints: { minute: number; snapshot: DetectorSnapshot }[],
): Promise<void> {
  if (checkpoints.length === 0) return;
  await sql.query(
    `INSERT INTO detector_checkpoint (project_id, code, minute, snapshot)
     SELECT $1::uuid, $2::int, to_timestamp(m::bigint * 60), s
     FROM unnest($3::int[], $4::text[]) AS t(m, s)
     ON CONFLICT (project_id, code, minute) DO UPDATE SET snapshot = excluded.snapshot`,
    [
      projectId,
      code,
      checkpoints.map((c) => c.minute),
      checkpoints.map((c) => JSON.stringify(c.snapshot)),
    ],
  );
}

export async function writeState(
  sql: Sql,
  projectId: string,
  code: number,
  state: Omit<StoredState, "version" | "generation"> & {
    snapshot: DetectorSnapshot;
    rewrites: boolean;
  },
): Promise<void> {
  await sql.query(
    `INSERT INTO detector_state AS d (project_id, code, settings, start_minute, next_minute,
       snapshot, updated_at)
     VALUES ($1, $2, $3, to_timestamp($4::bigint * 60), to_timestamp($5::bigint * 60), $6, now())
     ON CONFLICT (project_id, code) DO UPDATE SET settings = excluded.settings,
       generation = d.generation + CASE WHEN $7 THEN 1 ELSE 0 END,
       start_minute = excluded.start_minute, next_minute = excluded.next_minute,
       snapshot = excluded.snapshot, updated_at = now()`,
    [
      projectId,
      code,
      state.settings,
      state.startMinute,
      state.nextMinute,
      JSON.stringify(state.snapshot),
      state.rewrites,
    ],
  );
}

/**
 * Drops checkpoints older than `checkpointsBefore`, those older than `hourlyBefore` that are not
 * at a UTC midnight, and hourly verdicts older than `hoursBefore` (UTC minutes).
 */
// Maintenance (test/support/statements.ts): retention across every project.
export async function pruneDetectorTables(
  sql: Sql,
  limits: { checkpointsBefore: number; hourlyBefore: number; hoursBefore: number },
): Promise<void> {
  await sql.query(
    `/* cw:maintenance detector-prune */ DELETE FROM detector_checkpoint
     WHERE minute < to_timestamp($1::bigint * 60)
        OR (minute < to_timestamp($2::bigint * 60) AND minute <> date_trunc('day', minute, 'UTC'))`,
    [limits.checkpointsBefore, limits.hourlyBefore],
  );
  await sql.query(
    `/* cw:maintenance detector-prune */ DELETE FROM detector_hour WHERE hour < to_timestamp($1::bigint * 60)`,
    [limits.hoursBefore],
  );
}

/** Codes of the project with stored spike minutes in [from, to) (UTC minutes, hourly rows). */
export async function codesWithSpikes(
  sql: Sql,
  projectId: string,
  from: number,
  to: number,
): Promise<number[]> {
  const { rows } = await sql.query<{ code: number }>(
    `SELECT DISTINCT code FROM detector_hour
     WHERE project_id = $1 AND hour >= to_timestamp($2::bigint * 60)
       AND hour < to_timestamp($3::bigint * 60) AND spike_minutes > 0`,
    [projectId, Math.floor(from / 60) * 60, to],
  );
  return rows.map((r) => r.code);
}

/**
 * The UTC days in [from, to) (UTC minutes) holding stored spike minutes of the project, oldest
 * first: each day's first minute and how many spike minutes it has across its codes. A change
 * in the count means the day's verdicts changed (late events replayed it).
 */
export async function spikeDays(
  sql: Sql,
  projectId: string,
  from: number,
  to: number,
): Promise<{ dayMinute: number; spikeMinutes: number }[]> {
  const { rows } = await sql.query<{ day: Date; spike_minutes: string }>(
    `SELECT date_trunc('day', hour, 'UTC') AS day, sum(spike_minutes) AS spike_minutes
     FROM detector_hour
     WHERE project_id = $1 AND hour >= to_timestamp($2::bigint * 60)
       AND hour < to_timestamp($3::bigint * 60) AND spike_minutes > 0
     GROUP BY 1 ORDER BY 1`,
    [projectId, Math.floor(from / 60) * 60, to],
  );
  return rows.map((r) => ({
    dayMinute: r.day.getTime() / 60_000,
    spikeMinutes: Number(r.spike_minutes),
  }));
}
