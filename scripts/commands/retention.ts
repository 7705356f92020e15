import type { Command } from "commander";

import { createPrismaClient } from "../../lib/db/client";
import { getEnv } from "../../lib/env";
import { runRetention } from "../../lib/telemetry/retention";
import { withDatabase } from "./database";
import { step } from "./log";

export function registerRetentionCommand(program: Command): void {
  program
    .command("retention")
    .description("expire old telemetry")
    .command("run")
    .description(
      "drop expired partitions and create the coming ones (once a day; --force to repeat)",
    )
    .option("--force", "run even if it already ran today")
    .action((options: { force?: boolean }) =>
      withDatabase(async (url) => {
        const db = createPrismaClient(url, 2);
        try {
          const env = getEnv();
          step("retention: dropping expired partitions");
          const result = await runRetention(
            db,
            new Date(),
            {
              rawDays: env.CW_RAW_RETENTION_DAYS,
              aggregateMonths: env.CW_AGGREGATE_RETENTION_MONTHS,
            },
            { force: options.force },
          );
          if (!result.ran) step(`retention: skipped, ${result.reason}`);
          else
            step(
              `retention: dropped ${result.dropped.length} partitions, created ${result.created.length}`,
            );
          for (const name of result.dropped) step(`  dropped ${name}`);
        } finally {
          await db.$disconnect();
        }
      }),
    );
}
