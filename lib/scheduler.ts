import "server-only";

import { getDb } from "./db/server";
import { getEnv } from "./env";
import { runRetention } from "./ingest/retention";

const HOUR_MS = 3_600_000;

async function retentionTick(): Promise<void> {
  try {
    const env = getEnv();
    const result = await runRetention(await getDb(), new Date(), {
      rawDays: env.CW_RAW_RETENTION_DAYS,
      aggregateMonths: env.CW_AGGREGATE_RETENTION_MONTHS,
    });
    if (result.ran)
      console.info(
        `retention: dropped ${result.dropped.length} partitions, created ${result.created.length}`,
      );
  } catch (error) {
    // The next tick tries again; a database outage must not take the server down.
    console.error("retention failed", error);
  }
}

export function startScheduler(): void {
  if (getEnv().CW_DISABLE_SCHEDULER === "1") return;
  const holder = globalThis as typeof globalThis & { __codewatchScheduler?: NodeJS.Timeout };
  if (holder.__codewatchScheduler) return;
  // A minute after start (not during it), then hourly.
  setTimeout(() => void retentionTick(), 60_000).unref();
  holder.__codewatchScheduler = setInterval(() => void retentionTick(), HOUR_MS);
  holder.__codewatchScheduler.unref();
}
