/**
 * The baseline: the same rows COPY'd into a bare table with the raw table's columns and no
 * index, constraint or aggregate. Ingest over HTTP is reported as a fraction of this rate.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

import type { BenchEvent } from "./events";

const COLUMNS =
  "project_id uuid, event_id text, code int, occurred_at timestamptz, received_at timestamptz, " +
  "clock_drift_ms bigint, host text, remote_ip text, http_protocol text, exception text, message text, " +
  "cause text, app text, app_version text, sdk_version text, platform text, os_version text, " +
  "api_level int, device_model text, device_hash text, network text, carrier text, region text, " +
  "locale text, attributes jsonb";

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(e: BenchEvent, projectId: string): string {
  return (
    [
      projectId,
      e.eventId,
      e.code,
      e.timestamp,
      new Date().toISOString(),
      null,
      e.host,
      e.remoteIp,
      e.httpProtocol,
      e.exception,
      e.message,
      null,
      e.app,
      e.appVersion,
      e.sdkVersion,
      e.platform,
      e.osVersion,
      e.apiLevel,
      e.deviceModel,
      e.deviceId,
      e.network,
      e.carrier,
      e.region,
      e.locale,
      null,
    ]
      .map(csvField)
      .join(",") + "\n"
  );
}

/** Rows per second of COPY over two connections (as the ingest path gets several), median of `runs`. */
export async function copyRate(url: string, events: BenchEvent[], runs: number): Promise<number[]> {
  const projectId = "00000000-0000-0000-0000-000000000001";
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (${COLUMNS})`);
    const halves = [events.slice(0, events.length / 2), events.slice(events.length / 2)];
    const started = performance.now();
    await Promise.all(
      halves.map(async (rows) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          for (let i = 0; i < rows.length; i += 1000) {
            const chunk = rows
              .slice(i, i + 1000)
              .map((e) => csvLine(e, projectId))
              .join("");
            await pipeline(
              Readable.from([chunk]),
              client.query(copyFrom("COPY bench_copy FROM STDIN WITH (FORMAT csv)")),
            );
          }
        } finally {
          await client.end();
        }
      }),
    );
    rates.push(events.length / ((performance.now() - started) / 1000));
    await admin.query(`DROP TABLE bench_copy`);
    await admin.end();
  }
  return rates;
}
