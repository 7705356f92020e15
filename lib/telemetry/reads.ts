/**
 * Reads of the telemetry tables: per-minute counts (event_minute) and their hourly roll-up
 * (event_hour), per-dimension hourly counts (event_dimension_hour) and, for a slice filtered by dimension values, the raw events. Every
 * statement is one project's (the key a distributed PostgreSQL would shard on). Callers merge
 * waiting batches first (aggregates.ts `mergeBeforeRead`) when they read the aggregates.
 */
import type { Sql } from "../db/sql";
import { dimensionColumn, type Dimension } from "./columns";

/** Dimension values a slice is restricted to: each listed dimension must take one of its values. */
export type Filters = Partial<Record<Dimension, string[]>>;

export const hasFilters = (filters: Filters) => Object.keys(filters).length > 0;

/**
 * ` AND column = ANY($n::text[])` for each filter, the values appended to `params` (so the SQL
 * only ever contains our own column names and placeholders).
 */
export function filterSql(filters: Filters, params: unknown[]): string {
  return Object.entries(filters)
    .map(([dimension, list]) => {
      params.push(list);
      return ` AND ${dimensionColumn(dimension as Dimension)} = ANY($${params.length}::text[])`;
    })
    .join("");
}

const MINUTE_OF = (column: string) => `(extract(epoch FROM ${column}) / 60)::int`;

/** Per-minute counts of `codes` in [from, to) (UTC minutes): only the minutes that had events. */
export async function minuteCounts(
  sql: Sql,
  projectId: string,
  codes: number[],
  from: number,
  to: number,
): Promise<{ code: number; m: number; count: number }[]> {
  // One index range per code (OFFSET 0 keeps the planner from flattening it): with
  // code = ANY(...) it scans the project's whole month of the primary key for a few recent
  // minutes instead, 17 ms against 0.3 ms on a month of data.
  const { rows } = await sql.query<{ code: number; m: number; count: number }>(
    `SELECT c.code, ${MINUTE_OF("e.minute")} AS m, e.count
     FROM unnest($2::int[]) AS c(code)
     CROSS JOIN LATERAL (
       SELECT minute, count FROM event_minute
       WHERE project_id = $1 AND code = c.code
         AND minute >= to_timestamp($3::bigint * 60) AND minute < to_timestamp($4::bigint * 60)
       OFFSET 0
     ) AS e`,
    [projectId, codes, from, to],
  );
  return rows;
}

/**
 * Per-minute counts of each code in [from, to) as dense arrays, zeros included.
 *
 * One row per code, its minutes (as offsets from `from`) and counts in two comma-separated
 * lists: a day of minutes for 15 codes is ~36,000 rows one by one, and the driver's per-row
 * work (a protocol message, three parsed fields, an object each) cost about as much as the
 * detector's replay of them (bench:query, the overview's 24-hour series: 2x faster this way).
 */
export async function denseMinuteCounts(
  sql: Sql,
  projectId: string,
  codes: number[],
  from: number,
  to: number,
): Promise<Map<number, Float64Array>> {
  const dense = new Map(codes.map((code) => [code, new Float64Array(Math.max(0, to - from))]));
  if (to <= from || codes.length === 0) return dense;
  // Both lists come from one pass over the same rows, so their orders match.
  const { rows } = await sql.query<{ code: number; minutes: string | null; counts: string }>(
    `SELECT c.code, e.minutes, e.counts
     FROM unnest($2::int[]) AS c(code)
     CROSS JOIN LATERAL (
       SELECT string_agg((${MINUTE_OF("minute")} - $3)::text, ',') AS minutes,
              string_agg(count::text, ',') AS counts
       FROM (
         SELECT minute, count FROM event_minute
         WHERE project_id = $1 AND code = c.code
           AND minute >= to_timestamp($3::bigint * 60) AND minute < to_timestamp($4::bigint * 60)
         OFFSET 0
       ) AS m
     ) AS e`,
    [projectId, codes, from, to],
  );
  for (const row of rows) {
    if (row.minutes === null) continue;
    const counts = dense.get(row.code)!;
    const offsets = row.minutes.split(",");
    const values = row.counts.split(",");
    for (let i = 0; i < offsets.length; i++) counts[Number(offsets[i])] = Number(values[i]);
  }
  return dense;
}

/** The first minute with events of each code (codes without any are absent). */
export async function firstMinutes(
  sql: Sql,
  projectId: string,
  codes: number[],
): Promise<Map<number, number>> {
  if (codes.length === 0) return new Map();
  // One index probe per code (min() on the primary key), not a scan of the aggregate.
  const { rows } = await sql.query<{ code: number; m: number | null }>(
    `SELECT c.code, (SELECT ${MINUTE_OF("min(e.minute)")} FROM event_minute e
                     WHERE e.project_id = $1 AND e.code = c.code) AS m
     FROM unnest($2::int[]) AS c(code)`,
    [projectId, codes],
  );
  return new Map(rows.flatMap((r) => (r.m === null ? [] : [[r.code, r.m] as const])));
}

/** The `limit` most frequent codes in [from, to) (UTC minutes), of the filtered slice if any. */
export async function busiestCodes(
  sql: Sql,
  projectId: string,
  range: { fromMinute: number; toMinute: number; limit: number },
  filters: Filters = {},
): Promise<number[]> {
  const params: unknown[] = [projectId, range.fromMinute, range.toMinute, range.limit];
  const { rows } = await sql.query<{ code: number }>(
    hasFilters(filters)
      ? `SELECT code FROM event WHERE project_id = $1
           AND occurred_at >= to_timestamp($2::bigint * 60)
           AND occurred_at < to_timestamp($3::bigint * 60)${filterSql(filters, params)}
         GROUP BY code ORDER BY count(*) DESC, code LIMIT $4`
      : `SELECT code FROM event_minute WHERE project_id = $1
           AND minute >= to_timestamp($2::bigint * 60) AND minute < to_timestamp($3::bigint * 60)
         GROUP BY code ORDER BY sum(count) DESC, code LIMIT $4`,
    params,
  );
  return rows.map((r) => r.code);
}

/**
 * Per-minute counts of `codes` in [from, to) (UTC minutes) counted from the raw events of a
 * filtered slice, as dense arrays (raw events are kept CW_RAW_RETENTION_DAYS).
 */
export async function filteredMinuteCounts(
  sql: Sql,
  projectId: string,
  codes: number[],
  range: { from: number; to: number },
  filters: Filters,
): Promise<Map<number, Float64Array>> {
  const dense = new Map(
    codes.map((c) => [c, new Float64Array(Math.max(0, range.to - range.from))]),
  );
  if (range.to <= range.from || codes.length === 0) return dense;
  const params: unknown[] = [projectId, codes, range.from, range.to];
  const { rows } = await sql.query<{ code: number; m: number; n: number }>(
    `SELECT code, (extract(epoch FROM date_trunc('minute', occurred_at)) / 60)::int AS m,
            count(*)::int AS n
     FROM event WHERE project_id = $1 AND code = ANY($2::int[])
       AND occurred_at >= to_timestamp($3::bigint * 60)
       AND occurred_at < to_timestamp($4::bigint * 60)${filterSql(filters, params)}
     GROUP BY 1, 2`,
    params,
  );
  for (const row of rows) dense.get(row.code)![row.m - range.from] = row.n;
  return dense;
}

const HOUR_MS = 3_600_000;

/**
 * SQL for rows (code, at, count) that count each of `periods` ([from, to) pairs, adjacent, in
 * order) exactly once: the whole UTC hours inside a period from event_hour, the minutes at its
 * ragged ends from event_minute. No hour row straddles a period's edge, so a row's `at` tells its
 * period. A month is ~720 hourly rows a code instead of 43,200 minutes. The edge minutes are read
 * one index range per code, and only for the codes with events in an edge hour (the planner
 * otherwise scans the project's whole month of minutes for them). Appends bounds to `params`.
 */
function hourAndMinuteRows(params: unknown[], periods: [Date, Date][]): string {
  const param = (value: unknown) => `$${params.push(value)}`;
  const wholeHours: string[] = [];
  const minuteRanges: string[] = [];
  for (const [fromDate, toDate] of periods) {
    const [from, to] = [fromDate.getTime(), toDate.getTime()];
    const firstHour = Math.ceil(from / HOUR_MS) * HOUR_MS;
    const endHour = Math.floor(to / HOUR_MS) * HOUR_MS;
    const minutes = (a: number, b: number) => {
      if (a < b)
        minuteRanges.push(`(minute >= ${param(new Date(a))} AND minute < ${param(new Date(b))})`);
    };
    if (firstHour >= endHour) {
      minutes(from, to);
      continue;
    }
    wholeHours.push(
      `(hour >= ${param(new Date(firstHour))} AND hour < ${param(new Date(endHour))})`,
    );
    minutes(from, firstHour);
    minutes(endHour, to);
  }
  const start = Math.floor(periods[0]![0].getTime() / HOUR_MS) * HOUR_MS;
  const end = Math.ceil(periods.at(-1)![1].getTime() / HOUR_MS) * HOUR_MS;
  const whole = wholeHours.length > 0 ? wholeHours.join(" OR ") : "false";
  const edges =
    minuteRanges.length === 0
      ? ""
      : `UNION ALL
         SELECT c.code, m.minute, m.count
         FROM (SELECT DISTINCT code FROM hours WHERE NOT (${whole})) c
         CROSS JOIN LATERAL (
           SELECT minute, count FROM event_minute
           WHERE project_id = $1 AND code = c.code AND (${minuteRanges.join(" OR ")})
           OFFSET 0
         ) m`;
  return `WITH hours AS MATERIALIZED (
            SELECT code, hour, count FROM event_hour
            WHERE project_id = $1 AND hour >= ${param(new Date(start))} AND hour < ${param(new Date(end))}
          )
          SELECT code, hour AS at, count FROM hours WHERE ${whole}
          ${edges}`;
}

export interface CodeTotal {
  code: number;
  count: number;
  /** The count in [previousFrom, from). */
  previous: number;
}

export interface CodeTotals {
  /** The busiest codes of [from, to), busiest first, up to `limit`. */
  codes: CodeTotal[];
  /** Every code's events in [from, to) and in [previousFrom, from), the limit aside. */
  total: number;
  previousTotal: number;
}

/**
 * Codes by count in [from, to), with their counts in [previousFrom, from), busiest first; codes
 * without events in [from, to) are left out, but counted in the totals. From the hourly and
 * per-minute aggregates (hourAndMinuteRows), or from the raw events when filtered. One statement: the per-code counts are
 * grouped once and both the list and the totals read them.
 */
export async function codeTotals(
  sql: Sql,
  projectId: string,
  range: { from: Date; to: Date; previousFrom: Date; limit: number },
  filters: Filters = {},
): Promise<CodeTotals> {
  // $1 the project, $2 where the range begins, $3 the limit; then what each source needs.
  const params: unknown[] = [projectId, range.from, range.limit];
  const filtered = hasFilters(filters);
  if (filtered) params.push(range.previousFrom, range.to);
  const perCode = filtered
    ? `SELECT code,
              count(*) FILTER (WHERE occurred_at >= $2) AS count,
              count(*) FILTER (WHERE occurred_at < $2) AS previous
       FROM event
       WHERE project_id = $1 AND occurred_at >= $4 AND occurred_at < $5${filterSql(filters, params)}
       GROUP BY code`
    : `SELECT code,
              COALESCE(sum(count) FILTER (WHERE at >= $2), 0) AS count,
              COALESCE(sum(count) FILTER (WHERE at < $2), 0) AS previous
       FROM (${hourAndMinuteRows(params, [
         [range.previousFrom, range.from],
         [range.from, range.to],
       ])}) AS rows
       GROUP BY code`;
  const { rows } = await sql.query<{
    code: number | null;
    count: string;
    previous: string;
    total: string;
    previous_total: string;
  }>(
    `WITH per_code AS MATERIALIZED (${perCode}),
     totals AS (SELECT COALESCE(sum(count), 0)::bigint AS total,
                       COALESCE(sum(previous), 0)::bigint AS previous_total FROM per_code)
     SELECT t.total, t.previous_total, c.code, c.count::bigint AS count,
            c.previous::bigint AS previous
     FROM totals t LEFT JOIN LATERAL (
       SELECT * FROM per_code WHERE count > 0 ORDER BY count DESC, code LIMIT $3
     ) c ON true`,
    params,
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    previousTotal: Number(rows[0]?.previous_total ?? 0),
    codes: rows
      .filter((r) => r.code !== null)
      .map((r) => ({ code: r.code!, count: Number(r.count), previous: Number(r.previous) })),
  };
}

export interface DimensionCounts {
  /** The code's events in [from, to) and in [baselineFrom, from). */
  total: number;
  baselineTotal: number;
  /** The busiest values in [from, to), with their counts there and in the baseline. */
  values: { value: string; count: number; baseline: number }[];
}

/**
 * One code's counts by the values of one dimension, in [from, to) and in [baselineFrom, from):
 * whole hours from the per-dimension-hour aggregate, or from the raw events when filtered.
 */
export async function dimensionCounts(
  sql: Sql,
  projectId: string,
  query: {
    code: number;
    dimension: Dimension;
    from: Date;
    to: Date;
    baselineFrom: Date;
    limit: number;
  },
  filters: Filters = {},
): Promise<DimensionCounts> {
  const { code, dimension, from, to, baselineFrom, limit } = query;
  const params: unknown[] = [projectId, code, from, to, baselineFrom, limit];
  const valuesText = hasFilters(filters)
    ? `WITH matching AS (
         SELECT ${dimensionColumn(dimension)} AS value, occurred_at >= $3 AS in_range FROM event
         WHERE project_id = $1 AND code = $2 AND occurred_at >= $5 AND occurred_at < $4
           ${filterSql(filters, params)}
       )
       SELECT value, count(*) FILTER (WHERE in_range)::bigint AS count,
              count(*) FILTER (WHERE NOT in_range)::bigint AS baseline
       FROM matching WHERE value IS NOT NULL GROUP BY value
       HAVING count(*) FILTER (WHERE in_range) > 0
       ORDER BY count DESC, value LIMIT $6`
    : `SELECT value,
              COALESCE(sum(count) FILTER (WHERE hour >= $3), 0)::bigint AS count,
              COALESCE(sum(count) FILTER (WHERE hour < $3), 0)::bigint AS baseline
       FROM event_dimension_hour
       WHERE project_id = $1 AND code = $2 AND dimension = $7 AND hour >= $5 AND hour < $4
       GROUP BY value
       HAVING sum(count) FILTER (WHERE hour >= $3) > 0
       ORDER BY count DESC, value LIMIT $6`;
  if (!hasFilters(filters)) params.push(dimension);
  const totalParams: unknown[] = [projectId, code, from, to, baselineFrom];
  const totalText = hasFilters(filters)
    ? `SELECT count(*) FILTER (WHERE occurred_at >= $3)::bigint AS total,
              count(*) FILTER (WHERE occurred_at < $3)::bigint AS baseline
       FROM event WHERE project_id = $1 AND code = $2 AND occurred_at >= $5 AND occurred_at < $4
         ${filterSql(filters, totalParams)}`
    : `SELECT COALESCE(sum(count) FILTER (WHERE minute >= $3), 0)::bigint AS total,
              COALESCE(sum(count) FILTER (WHERE minute < $3), 0)::bigint AS baseline
       FROM event_minute
       WHERE project_id = $1 AND code = $2 AND minute >= $5 AND minute < $4`;
  const [values, totals] = [
    await sql.query<{ value: string; count: string; baseline: string }>(valuesText, params),
    await sql.query<{ total: string; baseline: string }>(totalText, totalParams),
  ];
  return {
    total: Number(totals.rows[0]?.total ?? 0),
    baselineTotal: Number(totals.rows[0]?.baseline ?? 0),
    values: values.rows.map((r) => ({
      value: r.value,
      count: Number(r.count),
      baseline: Number(r.baseline),
    })),
  };
}

export interface Release {
  appVersion: string;
  /** The first minute the version appeared in the project's telemetry. */
  firstSeen: Date;
}

/** App versions first seen in [from, to), oldest first (release markers, app_release). */
export async function releases(
  sql: Sql,
  projectId: string,
  range: { from: Date; to: Date; limit: number },
): Promise<Release[]> {
  const { rows } = await sql.query<{ app_version: string; first_seen: Date }>(
    `SELECT app_version, first_seen FROM app_release
     WHERE project_id = $1 AND first_seen >= $2 AND first_seen < $3
     ORDER BY first_seen, app_version LIMIT $4`,
    [projectId, range.from, range.to, range.limit],
  );
  return rows.map((r) => ({ appVersion: r.app_version, firstSeen: r.first_seen }));
}

/** One stored event as the recent-events list shows it. */
export interface RecentEvent {
  occurredAt: Date;
  receivedAt: Date;
  code: number;
  eventId: string | null;
  exception: string | null;
  message: string | null;
  cause: string | null;
  clockDriftMs: number | null;
  host: string | null;
  remoteIp: string | null;
  appVersion: string | null;
  osVersion: string | null;
  apiLevel: number | null;
  deviceModel: string | null;
  network: string | null;
  carrier: string | null;
  region: string | null;
}

/**
 * The newest events of one code of the project in [from, to), newest first, up to `limit`;
 * `before` continues a page: events strictly older than that (occurred_at, then received_at)
 * position. One backward range of the (project, code, time) index. Raw events are kept
 * CW_RAW_RETENTION_DAYS.
 */
export async function recentEvents(
  sql: Sql,
  projectId: string,
  query: {
    code: number;
    from: Date;
    to: Date;
    limit: number;
    before?: { occurredAt: Date; receivedAt: Date };
  },
  filters: Filters = {},
): Promise<RecentEvent[]> {
  const params: unknown[] = [projectId, query.from, query.to, query.limit, query.code];
  let where = "project_id = $1 AND code = $5 AND occurred_at >= $2 AND occurred_at < $3";
  if (query.before) {
    params.push(query.before.occurredAt, query.before.receivedAt);
    where += ` AND (occurred_at, received_at) < ($${params.length - 1}, $${params.length})`;
  }
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT occurred_at, received_at, code, event_id, exception, message, cause, clock_drift_ms,
            host, remote_ip, app_version, os_version, api_level, device_model, network, carrier,
            region
     FROM event WHERE ${where}${filterSql(filters, params)}
     ORDER BY occurred_at DESC, received_at DESC LIMIT $4`,
    params,
  );
  return rows.map((r) => ({
    occurredAt: r.occurred_at as Date,
    receivedAt: r.received_at as Date,
    code: r.code as number,
    eventId: r.event_id as string | null,
    exception: r.exception as string | null,
    message: r.message as string | null,
    cause: r.cause as string | null,
    clockDriftMs: r.clock_drift_ms === null ? null : Number(r.clock_drift_ms),
    host: r.host as string | null,
    remoteIp: r.remote_ip as string | null,
    appVersion: r.app_version as string | null,
    osVersion: r.os_version as string | null,
    apiLevel: r.api_level as number | null,
    deviceModel: r.device_model as string | null,
    network: r.network as string | null,
    carrier: r.carrier as string | null,
    region: r.region as string | null,
  }));
}

/**
 * Codes of the project with events from `fromMinute` on: one index probe per code the catalogue
 * knows (every code ingested is registered there), not a scan of the project's minutes.
 */
export async function codesActiveSince(
  sql: Sql,
  projectId: string,
  fromMinute: number,
): Promise<number[]> {
  const { rows } = await sql.query<{ code: number }>(
    `SELECT c.code FROM "CatalogCode" c
     WHERE EXISTS (SELECT 1 FROM event_minute e WHERE e.project_id = $1 AND e.code = c.code
                   AND e.minute >= to_timestamp($2::bigint * 60))
     ORDER BY c.code`,
    [projectId, fromMinute],
  );
  return rows.map((r) => r.code);
}

/** One event as a diagnosis reads it (lib/diagnosis's DiagnosticEvent). */
export interface DiagnosticRow {
  /** Server-measured clock drift of the phone (its clock minus real time), when the batch said. */
  clockDriftMs: number | null;
  host: string | null;
  remoteIp: string | null;
  exception: string | null;
  message: string | null;
  cause: string | null;
  appVersion: string | null;
  osVersion: string | null;
  apiLevel: number | null;
  network: string | null;
  carrier: string | null;
  region: string | null;
  /** The phone's pseudonymous id (hashed at ingest); null when the event carried none. */
  deviceHash: string | null;
}

/**
 * The events of one code in [from, to) with the fields a diagnosis weighs: the newest `limit`
 * (a sample of a busier window). One backward range of the (project, code, time) index.
 */
export async function diagnosticEvents(
  sql: Sql,
  projectId: string,
  query: { code: number; from: Date; to: Date; limit: number },
): Promise<DiagnosticRow[]> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT clock_drift_ms, host, remote_ip, exception, message, cause, app_version, os_version,
            api_level, network, carrier, region, device_hash
     FROM event WHERE project_id = $1 AND code = $2 AND occurred_at >= $3 AND occurred_at < $4
     ORDER BY occurred_at DESC LIMIT $5`,
    [projectId, query.code, query.from, query.to, query.limit],
  );
  return rows.map((r) => ({
    clockDriftMs: r.clock_drift_ms === null ? null : Number(r.clock_drift_ms),
    host: r.host as string | null,
    remoteIp: r.remote_ip as string | null,
    exception: r.exception as string | null,
    message: r.message as string | null,
    cause: r.cause as string | null,
    appVersion: r.app_version as string | null,
    osVersion: r.os_version as string | null,
    apiLevel: r.api_level as number | null,
    network: r.network as string | null,
    carrier: r.carrier as string | null,
    region: r.region as string | null,
    deviceHash: r.device_hash as string | null,
  }));
}

/**
 * Events of every code of the project per minute in [from, to) (UTC minutes), zeros included:
 * the denominator of a share (a threshold rule on a code's share of all events).
 */
export async function minuteTotals(
  sql: Sql,
  projectId: string,
  from: number,
  to: number,
): Promise<number[]> {
  const { rows } = await sql.query<{ m: number; count: string }>(
    `SELECT ${MINUTE_OF("minute")} AS m, sum(count) AS count FROM event_minute
     WHERE project_id = $1
       AND minute >= to_timestamp($2::bigint * 60) AND minute < to_timestamp($3::bigint * 60)
     GROUP BY 1`,
    [projectId, from, to],
  );
  const totals = new Array<number>(Math.max(0, to - from)).fill(0);
  for (const r of rows) totals[r.m - from] = Number(r.count);
  return totals;
}

export interface DeviceSpread {
  events: number;
  /** Events that carried a device id. */
  withDevice: number;
  /** Distinct device hashes among them. */
  devices: number;
}

/**
 * How many devices the events of one code in [from, to) came from (distinct `device_hash`), and
 * how many events carried one at all: a surge from a handful of phones is no fleet incident.
 */
export async function deviceSpread(
  sql: Sql,
  projectId: string,
  query: { code: number; from: Date; to: Date },
): Promise<DeviceSpread> {
  const { rows } = await sql.query<{ events: string; with_device: string; devices: string }>(
    `SELECT count(*) AS events, count(device_hash) AS with_device,
            count(DISTINCT device_hash) AS devices
     FROM event WHERE project_id = $1 AND code = $2 AND occurred_at >= $3 AND occurred_at < $4`,
    [projectId, query.code, query.from, query.to],
  );
  const row = rows[0]!;
  return {
    events: Number(row.events),
    withDevice: Number(row.with_device),
    devices: Number(row.devices),
  };
}
