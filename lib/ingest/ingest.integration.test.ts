/** POST /api/v1/events against a real database: what is stored, counted and refused. */
import { createHash, createHmac, randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { mergeAggregateDeltas } from "@/lib/telemetry/aggregates";
import { ORIGIN, startIngestFixture, type IngestFixture } from "@/test/support/app";

let fixture: IngestFixture;
let route: typeof import("@/app/api/v1/events/route");
let keys: { ingest: string; read: string; other: string };
let projectId: string;
let sql: pg.Client;

beforeAll(async () => {
  fixture = await startIngestFixture();
  ({ projectId, sql } = fixture);
  keys = {
    ingest: fixture.key,
    read: await fixture.createKey(["read"]),
    other: await fixture.createKey(["ingest"], "other"),
  };
  route = await import("@/app/api/v1/events/route");
});

afterAll(async () => {
  await fixture?.close();
});

function post(body: string | Buffer, headers: Record<string, string> = {}, key = keys.ingest) {
  return route.POST(
    new Request(`${ORIGIN}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : new Uint8Array(body),
    }),
    { params: Promise.resolve({}) },
  );
}

const postBatch = (batch: unknown, key?: string) => post(JSON.stringify(batch), {}, key);

async function countEvents(where = "TRUE", params: unknown[] = []): Promise<number> {
  const result = await sql.query(`SELECT count(*)::int AS n FROM event WHERE ${where}`, params);
  return result.rows[0].n;
}

const now = () => new Date().toISOString();

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}

/** Rows an EXPLAIN ANALYZE plan read from event_receipt's partitions (its insert aside). */
function receiptRowsRead(node: PlanNode): number {
  const own =
    node["Relation Name"]?.startsWith("event_receipt") && node["Node Type"] !== "ModifyTable"
      ? (node["Actual Rows"] ?? 0) * (node["Actual Loops"] ?? 1)
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + receiptRowsRead(child), 0);
}

describe("POST /api/v1/events", () => {
  it("stores a batch and answers 202 with the counts", async () => {
    const tag = randomUUID();
    const response = await postBatch({
      events: [
        { code: 50502, timestamp: now(), message: tag, host: "a1.example.com" },
        { code: 10202, message: tag },
      ],
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [],
      warnings: [],
    });
    expect(await countEvents("message = $1 AND project_id = $2", [tag, projectId])).toBe(2);
  });

  it("stores every field as sent: awkward text, attributes or none, the time to the millisecond", async () => {
    const tag = randomUUID();
    const message = `${tag} "quoted" \\ back\\slash, tab\tnew\nline, ✓ 中文`;
    const timestamp = new Date(Date.now() - 61_234).toISOString();
    const response = await postBatch({
      events: [
        {
          code: 50502,
          eventId: `${tag}-a`,
          timestamp,
          message,
          apiLevel: 33,
          remoteIp: "2001:db8::1",
          attributes: { tier: "gold", retries: 2, cached: false },
        },
        { code: 50502, eventId: `${tag}-b`, message },
      ],
    });
    expect(await response.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    const { rows } = await sql.query(
      `SELECT event_id, message, api_level, remote_ip, attributes, occurred_at, received_at
       FROM event WHERE event_id LIKE $1 ORDER BY event_id`,
      [`${tag}-%`],
    );
    expect(rows.map((r) => [r.event_id, r.message, r.api_level, r.remote_ip])).toEqual([
      [`${tag}-a`, message, 33, "2001:db8::1"],
      [`${tag}-b`, message, null, null],
    ]);
    expect(rows[0].attributes).toEqual({ tier: "gold", retries: 2, cached: false });
    expect(rows[1].attributes).toBeNull();
    expect(new Date(rows[0].occurred_at).toISOString()).toBe(timestamp);
    expect(new Date(rows[1].received_at).getTime()).toBe(new Date(rows[0].received_at).getTime());
  });

  it("stores the good events of a batch with bad ones, and lists the bad ones by index", async () => {
    const tag = randomUUID();
    const response = await postBatch({
      events: [
        { code: 101, message: tag },
        { code: "x" },
        { message: tag },
        { code: 102, message: tag },
      ],
    });
    const body = await response.json();
    expect(response.status).toBe(202);
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2]);
    expect(body.rejected[0].error).toMatch(/code/);
    expect(await countEvents("message = $1", [tag])).toBe(2);
  });

  it("stores an event whose text PostgreSQL cannot take as sent, cleaned, with a warning", async () => {
    const tag = randomUUID();
    // Written by hand: a lone surrogate and a NUL as JSON escapes, as the wire carries them.
    const body =
      `{"events": [{"code": 1, "message": "${tag} \\ud800", "host": "a\\u0000b"},` +
      ` {"code": 2, "message": "${tag}", "attributes": {"\\u0000": 1, "k": "v"}}]}`;
    const response = await post(body);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [],
      warnings: [
        { index: 0, field: "message", reason: "broken surrogates replaced" },
        { index: 0, field: "host", reason: "NUL characters removed" },
        {
          index: 1,
          field: "attributes",
          reason: "a key was dropped: must not contain NUL characters",
        },
      ],
    });
    const { rows } = await sql.query(
      `SELECT code, message, host, attributes FROM event WHERE message LIKE $1 ORDER BY code`,
      [`${tag}%`],
    );
    expect(rows).toEqual([
      { code: 1, message: `${tag} \ufffd`, host: "ab", attributes: null },
      { code: 2, message: tag, host: null, attributes: { k: "v" } },
    ]);
  });

  it("keeps an event whose only flaw is an incidental field, unknown fields and a bad context included", async () => {
    const tag = randomUUID();
    const response = await postBatch({
      context: { apiLevel: "not a level", region: "cn-east", userId: 7 },
      events: [
        { code: 50502, message: tag, apiLevel: 99999, remoteIp: "999.1.1.1", sdk: "x" },
        { code: 50502, message: tag, attributes: { nested: { a: 1 } } },
      ],
    });
    expect(response.status).toBe(202);
    const answer = await response.json();
    expect(answer).toMatchObject({ accepted: 2, rejected: [] });
    expect(
      answer.warnings.map((w: { index?: number; field: string }) => [w.index, w.field]),
    ).toEqual([
      [undefined, "context.apiLevel"],
      [undefined, "context.userId"],
      [0, "apiLevel"],
      [0, "remoteIp"],
      [0, "sdk"],
      [1, "attributes.nested"],
    ]);
    const { rows } = await sql.query(
      `SELECT region, api_level, remote_ip FROM event WHERE message = $1`,
      [tag],
    );
    expect(rows).toEqual([
      { region: "cn-east", api_level: null, remote_ip: null },
      { region: "cn-east", api_level: null, remote_ip: null },
    ]);
  });

  it("takes a code and an API level sent as strings of digits, and names what was wrong otherwise", async () => {
    const tag = randomUUID();
    const response = await postBatch({
      events: [
        { code: "50502", apiLevel: "24", message: tag },
        { code: "abc", message: tag },
        { code: "", message: tag },
      ],
    });
    expect(await response.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 1, error: 'code: must be an integer from 0 to 2147483647, got the string "abc"' },
        { index: 2, error: 'code: must be an integer from 0 to 2147483647, got the string ""' },
      ],
      warnings: [],
    });
    const { rows } = await sql.query(`SELECT code, api_level FROM event WHERE message = $1`, [tag]);
    expect(rows).toEqual([{ code: 50502, api_level: 24 }]);
  });

  it("reads a body whose Content-Encoding is x-gzip, as RFC 9110 asks", async () => {
    const tag = randomUUID();
    const response = await post(gzipSync(JSON.stringify({ events: [{ code: 1, message: tag }] })), {
      "content-encoding": "x-gzip",
    });
    expect(response.status).toBe(202);
    expect(await countEvents("message = $1", [tag])).toBe(1);
  });

  // A real deadlock needs two sessions: the embedded database has one.
  it.skipIf(!process.env.DATABASE_URL)(
    "answers 503 with Retry-After, storing nothing, when PostgreSQL breaks a deadlock by rolling the batch back",
    async () => {
      const tag = randomUUID();
      // Partitions for today exist before the locks are taken (the first batch makes sure).
      expect((await postBatch({ events: [{ code: 1 }] })).status).toBe(202);
      const other = new pg.Client({ connectionString: fixture.database.url });
      await other.connect();
      // Whatever happens, the locks go within 10 s, so a failing test cannot hang.
      const release = setTimeout(() => void other.query("ROLLBACK").catch(() => {}), 10_000);
      try {
        // As the daily partition drop may: hold the raw table, then want the receipts.
        await other.query("BEGIN");
        await other.query("LOCK TABLE event IN ACCESS EXCLUSIVE MODE");
        const answer = postBatch({ events: [{ code: 1, eventId: `${tag}-1`, message: tag }] });
        for (let i = 0; i < 100; i++) {
          const waiting = await sql.query(
            `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()`,
          );
          if (waiting.rows[0].n > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const second = other.query("LOCK TABLE event_receipt IN ACCESS EXCLUSIVE MODE").then(
          () => "locked",
          (error: Error) => error.message,
        );
        const response = await answer;
        expect(await second).toBe("locked");
        await other.query("ROLLBACK");
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBeTruthy();
        expect(await countEvents("message = $1", [tag])).toBe(0);
        // Sent again, as a client does after a 503: stored once.
        const retried = await postBatch({
          events: [{ code: 1, eventId: `${tag}-1`, message: tag }],
        });
        expect(await retried.json()).toMatchObject({ accepted: 1, duplicates: 0 });
      } finally {
        clearTimeout(release);
        await other.end();
      }
    },
  );

  it("stores the same batch only once when it is sent twice", async () => {
    const tag = randomUUID();
    const batch = {
      events: [1, 2, 3].map((i) => ({ code: 50502, eventId: `${tag}-${i}`, message: tag })),
    };
    expect(await (await postBatch(batch)).json()).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(await (await postBatch(batch)).json()).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await countEvents("message = $1", [tag])).toBe(3);
    await mergeAggregateDeltas(sql);
    const minute = await sql.query(
      `SELECT sum(count)::int AS n FROM event_minute WHERE project_id = $1 AND code = 50502 AND minute >= now() - interval '5 minutes'`,
      [projectId],
    );
    expect(minute.rows[0].n).toBe(
      await countEvents("code = 50502 AND occurred_at >= now() - interval '5 minutes'"),
    );
  });

  it("counts an eventId first received the previous UTC day as a duplicate", async () => {
    const tag = randomUUID();
    // As if yesterday's batch had been stored: its receipt is in yesterday's partition.
    await sql.query(
      `INSERT INTO event_receipt (project_id, event_id, received_on)
       VALUES ($1, $2, (now() AT TIME ZONE 'UTC')::date - 1)`,
      [projectId, `${tag}-1`],
    );
    const answer = await postBatch({
      events: [1, 2].map((i) => ({ code: 50502, eventId: `${tag}-${i}`, message: tag })),
    });
    expect(await answer.json()).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(await countEvents("message = $1", [tag])).toBe(1);
  });

  it("looks up yesterday's receipts by eventId instead of reading the whole day", async () => {
    const { storeQuery } = await import("@/lib/telemetry/store");
    const { validateBatch } = await import("@/lib/ingest/validate");
    const tag = randomUUID();
    const now = Date.now();
    const today = new Date(now).toISOString().slice(0, 10);
    // A day's worth of receipts in yesterday's partition (never analyzed), as on any day after
    // the first: a plan that reads them all to check 200 eventIds costs seconds per batch.
    await sql.query(
      `INSERT INTO event_receipt (project_id, event_id, received_on)
       SELECT $1, $2 || g, $3::date - 1 FROM generate_series(1, 20000) g`,
      [projectId, `${tag}-yesterday-`, today],
    );
    const { events } = validateBatch(
      {
        events: Array.from({ length: 200 }, (_, i) => ({
          ok: true as const,
          value: { code: 1, eventId: `${tag}-${i}` },
        })),
      },
      { receivedAtMs: now, retentionDays: 30, hashDeviceId: (id) => id },
    );
    const query = storeQuery(projectId, events, {
      day: today,
      receivedMs: now,
      clockDriftMs: null,
    });
    await sql.query("BEGIN");
    try {
      const { rows } = await sql.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`,
        query.values,
      );
      expect(receiptRowsRead(rows[0]["QUERY PLAN"][0].Plan)).toBeLessThanOrEqual(events.length);
    } finally {
      await sql.query("ROLLBACK");
      await sql.query(`DELETE FROM event_receipt WHERE event_id LIKE $1`, [`${tag}-%`]);
    }
  });

  it("stores two identical batches sent at the same moment only once", async () => {
    const tag = randomUUID();
    const batch = {
      events: Array.from({ length: 50 }, (_, i) => ({
        code: 1006,
        eventId: `${tag}-${i}`,
        message: tag,
      })),
    };
    const [a, b] = await Promise.all([postBatch(batch), postBatch(batch)]);
    const bodies = [await a.json(), await b.json()];
    expect(bodies.map((x) => x.accepted).sort()).toEqual([0, 50]);
    expect(bodies.map((x) => x.duplicates).sort()).toEqual([0, 50]);
    expect(await countEvents("message = $1", [tag])).toBe(50);
  });

  it("counts a repeated eventId inside one batch as a duplicate", async () => {
    const tag = randomUUID();
    const body = await (
      await postBatch({
        events: [
          { code: 1, eventId: tag },
          { code: 1, eventId: tag },
        ],
      })
    ).json();
    expect(body).toMatchObject({ accepted: 1, duplicates: 1 });
  });

  it("keeps eventIds per project", async () => {
    const id = randomUUID();
    expect(await (await postBatch({ events: [{ code: 1, eventId: id }] })).json()).toMatchObject({
      accepted: 1,
    });
    expect(
      await (await postBatch({ events: [{ code: 1, eventId: id }] }, keys.other)).json(),
    ).toMatchObject({
      accepted: 1,
    });
  });

  it("reads NDJSON and gzip", async () => {
    const tag = randomUUID();
    const lines = [1, 2, 3].map(() => JSON.stringify({ code: 50504, message: tag })).join("\n");
    const ndjson = await post(lines, { "content-type": "application/x-ndjson" });
    expect(await ndjson.json()).toMatchObject({ accepted: 3 });
    const gz = await post(gzipSync(JSON.stringify({ events: [{ code: 50504, message: tag }] })), {
      "content-encoding": "gzip",
    });
    expect(await gz.json()).toMatchObject({ accepted: 1 });
    expect(await countEvents("message = $1", [tag])).toBe(4);
  });

  it("corrects the timestamps of a phone whose clock is an hour behind, and keeps the drift", async () => {
    const tag = randomUUID();
    const hour = 3_600_000;
    const phoneNow = Date.now() - hour;
    await postBatch({
      sentAt: phoneNow,
      events: [{ code: 104, timestamp: phoneNow - 60_000, message: tag }],
    });
    const row = (
      await sql.query(`SELECT occurred_at, clock_drift_ms FROM event WHERE message = $1`, [tag])
    ).rows[0];
    expect(Math.abs(Number(row.clock_drift_ms) - hour)).toBeLessThan(5_000);
    expect(Math.abs(new Date(row.occurred_at).getTime() - (Date.now() - 60_000))).toBeLessThan(
      10_000,
    );
  });

  it("rejects events too far in the future or older than retention, with the reason", async () => {
    const body = await (
      await postBatch({
        events: [
          { code: 1, timestamp: Date.now() + 3_600_000 },
          { code: 1, timestamp: Date.now() - 40 * 86_400_000 },
        ],
      })
    ).json();
    expect(body.accepted).toBe(0);
    expect(body.rejected.map((r: { error: string }) => r.error)).toEqual([
      expect.stringMatching(/future/),
      expect.stringMatching(/retention/),
    ]);
  });

  it("makes a code the catalogue has never seen visible as an unknown code", async () => {
    await postBatch({ events: [{ code: 77777 }] });
    const { getDb } = await import("@/lib/db/server");
    const { getCode, listCodes } = await import("@/lib/catalog/repository");
    const db = await getDb();
    expect(await getCode(db, 77777)).toMatchObject({
      code: 77777,
      known: false,
      family: "unknown",
    });
    expect((await listCodes(db, { family: "unknown" })).codes.map((c) => c.code)).toContain(77777);
    expect((await listCodes(db, { q: "77777" })).codes[0]?.code).toBe(77777);
  });

  it("stores deviceId only as a keyed hash: the HMAC under the stored key, not a plain hash", async () => {
    const deviceId = `device-${randomUUID()}`;
    const eventId = randomUUID();
    expect((await postBatch({ events: [{ code: 1, deviceId, eventId }] })).status).toBe(202);
    const { rows } = await sql.query(
      `SELECT device_hash, e::text AS row FROM event e WHERE event_id = $1`,
      [eventId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].row).not.toContain(deviceId);
    const key = await sql.query(`SELECT value FROM "AppSetting" WHERE key = $1`, [
      "ingest.device-hash-key",
    ]);
    expect(rows[0].device_hash).not.toBe(createHash("sha256").update(deviceId).digest("hex"));
    expect(rows[0].device_hash).toBe(
      createHmac("sha256", key.rows[0].value).update(deviceId).digest("hex"),
    );
  });

  /** The waiting aggregate_delta rows of a project, unpacked and sorted. */
  async function waitingCounts(project: string) {
    const { rows } = await sql.query(
      `SELECT
         (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM aggregate_delta d,
            unnest(d.minute_codes, d.minute_starts, d.minute_counts) x
          WHERE d.project_id = $1)::text AS minutes,
         (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM aggregate_delta d,
            unnest(d.dimension_codes, d.dimension_hours, d.dimension_names, d.dimension_values,
              d.dimension_counts) x
          WHERE d.project_id = $1)::text AS dimensions,
         (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM aggregate_delta d,
            unnest(d.late_codes, d.late_minutes) x
          WHERE d.project_id = $1)::text AS late,
         (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM aggregate_delta d,
            unnest(d.release_versions, d.release_minutes) x
          WHERE d.project_id = $1)::text AS releases`,
      [project],
    );
    return rows[0] as { minutes: string; dimensions: string; late: string; releases: string };
  }

  it("counts a batch holding duplicates in SQL exactly as it counts a whole batch in JavaScript", async () => {
    const t0 = Date.now();
    const events = Array.from({ length: 60 }, (_, i) => ({
      code: [50502, 1006, 10202][i % 3],
      // One minute ago (on time), ten and seventy minutes ago (late for the detector).
      timestamp: t0 - [1, 10, 70][i % 3]! * 60_000 - (i % 7) * 1_000,
      region: ["cn-east", undefined, "eu-west", ""][i % 4],
      apiLevel: [21, 24, undefined][i % 3],
      host: ["a1.example.com", "主机.example", undefined][i % 3],
      appVersion: `5.${i % 2}.0`,
    }));
    const other = (await sql.query(`SELECT id FROM "Project" WHERE slug = 'other'`)).rows[0].id;
    const tag = randomUUID();
    const seed = await postBatch({ events: [{ code: 1, eventId: `${tag}-dup` }] }, keys.other);
    expect(seed.status).toBe(202);
    await mergeAggregateDeltas(sql);
    // Whole: every event is stored, so the statement queues the JavaScript counts.
    const whole = events.map((e, i) => ({ ...e, eventId: `${tag}-whole-${i}` }));
    expect((await postBatch({ events: whole })).status).toBe(202);
    // With a duplicate: the statement counts the rows it stored itself.
    const withDuplicate = [
      { code: 1, eventId: `${tag}-dup` },
      ...events.map((e, i) => ({ ...e, eventId: `${tag}-partial-${i}` })),
    ];
    const answer = await postBatch({ events: withDuplicate }, keys.other);
    expect(await answer.json()).toMatchObject({ accepted: events.length, duplicates: 1 });

    const fromJavaScript = await waitingCounts(projectId);
    const fromSql = await waitingCounts(other);
    expect(fromJavaScript.minutes).not.toBe("{}");
    expect(fromJavaScript.dimensions).toContain("主机.example");
    expect(fromJavaScript.late).not.toBe("{}");
    expect(fromJavaScript.releases).toContain("5.1.0");
    expect(fromSql).toEqual(fromJavaScript);
    await mergeAggregateDeltas(sql);
  });

  it("shows the detector a late batch's mark together with its counts, never before", async () => {
    const tag = randomUUID();
    await mergeAggregateDeltas(sql);
    const lateMinute = Math.floor(Date.now() / 60_000) - 30;
    const marksAndCounts = async () => {
      const { rows } = await sql.query(
        `SELECT
           (SELECT count(*)::int FROM detector_late WHERE project_id = $1 AND code = 11005
              AND minute = to_timestamp($2::bigint * 60)) AS marks,
           (SELECT coalesce(sum(count), 0)::int FROM event_minute WHERE project_id = $1
              AND code = 11005 AND minute = to_timestamp($2::bigint * 60)) AS counted`,
        [projectId, lateMinute],
      );
      return rows[0];
    };
    const before = await marksAndCounts();
    const response = await postBatch({
      events: [{ code: 11005, timestamp: lateMinute * 60_000 + 5_000, eventId: `${tag}-late` }],
    });
    expect(response.status).toBe(202);
    // Stored, but neither its mark nor its count is visible until the merge writes both.
    expect(await marksAndCounts()).toEqual(before);
    await mergeAggregateDeltas(sql);
    expect(await marksAndCounts()).toEqual({
      marks: before.marks + 1,
      counted: before.counted + 1,
    });
  });

  it("keeps the aggregates equal to a recount of the raw events after a mixed load", async () => {
    const codes = [50502, 50503, 10202, 1006, 88888];
    const regions = ["cn-east", "cn-north", "eu-west", null];
    const batches = Array.from({ length: 6 }, (_, b) => ({
      events: Array.from({ length: 200 }, (_, i) => ({
        code: codes[(b * 7 + i) % codes.length],
        timestamp: Date.now() - ((b * 200 + i) % 180) * 60_000,
        region: regions[i % regions.length] ?? undefined,
        appVersion: `5.${i % 3}.0`,
        apiLevel: 21 + (i % 14),
        eventId: i % 5 === 0 ? `mixed-${b % 3}-${i}` : undefined,
      })),
    }));
    // Merges on other connections run while the batches are stored: a delta must be added once,
    // whichever merge takes it, and none may be lost between a merge's read and its delete.
    const mergers = Array.from(
      { length: 3 },
      () => new pg.Client({ connectionString: fixture.database.url }),
    );
    await Promise.all(mergers.map((client) => client.connect()));
    let storing = true;
    const merging = mergers.map(async (client) => {
      let merged = 0;
      while (storing) merged += await mergeAggregateDeltas(client);
      return merged;
    });
    const responses = await Promise.all(batches.map((batch) => postBatch(batch)));
    storing = false;
    const mergedMeanwhile = (await Promise.all(merging)).reduce((a, b) => a + b, 0);
    await Promise.all(mergers.map((client) => client.end()));
    expect(responses.map((r) => r.status)).toEqual(batches.map(() => 202));
    const mergedAfter = await mergeAggregateDeltas(sql);
    expect(mergedMeanwhile + mergedAfter).toBe(batches.length);
    const waiting = await sql.query(`SELECT count(*)::int AS n FROM aggregate_delta`);
    expect(waiting.rows[0].n).toBe(0);
    const minuteDiff = await sql.query(`
      SELECT count(*)::int AS n FROM (
        SELECT code, date_trunc('minute', occurred_at) AS minute, count(*)::int AS c
        FROM event WHERE project_id = '${projectId}' GROUP BY 1, 2
      ) raw FULL JOIN (SELECT code, minute, count AS c FROM event_minute WHERE project_id = '${projectId}') agg
      USING (code, minute) WHERE raw.c IS DISTINCT FROM agg.c`);
    expect(minuteDiff.rows[0].n).toBe(0);
    const dimensionDiff = await sql.query(`
      SELECT count(*)::int AS n FROM (
        SELECT code, date_trunc('hour', occurred_at) AS hour, d.dimension, d.value, count(*)::int AS c
        FROM event, LATERAL (VALUES ('region', region), ('appVersion', app_version), ('apiLevel', api_level::text)) d(dimension, value)
        WHERE project_id = '${projectId}' AND d.value IS NOT NULL GROUP BY 1, 2, 3, 4
      ) raw FULL JOIN (
        SELECT code, hour, dimension, value, count AS c FROM event_dimension_hour
        WHERE project_id = '${projectId}' AND dimension IN ('region', 'appVersion', 'apiLevel')
      ) agg USING (code, hour, dimension, value) WHERE raw.c IS DISTINCT FROM agg.c`);
    expect(dimensionDiff.rows[0].n).toBe(0);
    const stray = await sql.query(`SELECT count(*)::int AS n FROM event_default`);
    expect(stray.rows[0].n).toBe(0);
  });

  it("answers 401 without a valid key, and for a key without the ingest scope", async () => {
    expect((await post("{}", { authorization: "" })).status).toBe(401);
    expect((await post("{}", {}, `cw_${"x".repeat(43)}`)).status).toBe(401);
    const wrongScope = await postBatch({ events: [{ code: 1 }] }, keys.read);
    expect(wrongScope.status).toBe(401);
    expect(wrongScope.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await wrongScope.json()).detail).toMatch(/ingest scope/);
  });

  it("answers 429 with Retry-After when one key sends faster than its rate, and stores nothing for those", async () => {
    const tag = randomUUID();
    // The default rate is 50 requests/s per key with a burst of 100: 160 at once must overflow.
    const responses = await Promise.all(
      Array.from({ length: 160 }, (_, i) =>
        postBatch({ events: [{ code: 1, eventId: `${tag}-${i}`, message: tag }] }),
      ),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited[0]!.json()).toMatchObject({ status: 429 });
    const accepted = responses.filter((r) => r.status === 202).length;
    expect(accepted + limited.length).toBe(160);
    expect(await countEvents("message = $1", [tag])).toBe(accepted);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // let the bucket refill for later tests
  });

  it("answers 400, 413 and 415 for unreadable, oversized and unknown bodies", async () => {
    expect((await post("{oops")).status).toBe(400);
    expect(
      (await postBatch({ events: Array.from({ length: 5001 }, () => ({ code: 1 })) })).status,
    ).toBe(413);
    expect((await post("code=1", { "content-type": "text/plain" })).status).toBe(415);
    const huge = await post(Buffer.alloc(6 * 1024 * 1024, 32));
    expect(huge.status).toBe(413);
  });
});
