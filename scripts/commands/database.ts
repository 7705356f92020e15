import type { Command } from "commander";

import { seedCatalog } from "../../lib/catalog/repository";
import { createPrismaClient } from "../../lib/db/client";
import { redactUrl, resolveDatabase } from "../../lib/db/connection";
import { applyMigrations, createMigration } from "../../lib/db/migrations";
import { step } from "./log";

/** Resolves the database, runs `work`, and stops an embedded server this process started. */
export async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const target = await resolveDatabase(step);
  if (target.kind === "postgresql") step(`database: ${redactUrl(target.url)}`);
  try {
    return await work(target.url);
  } finally {
    await target.embedded?.stop();
  }
}

export async function migrate(url: string): Promise<void> {
  step("migrate: applying pending migrations");
  const applied = await applyMigrations(url);
  for (const name of applied) step(`migrate: applied ${name}`);
  step(applied.length ? `migrate: ${applied.length} applied` : "migrate: already up to date");
}

export async function seed(url: string): Promise<void> {
  const db = createPrismaClient(url, 2);
  try {
    const result = await seedCatalog(db);
    step(
      `seed: catalogue ${result.inserted} inserted, ${result.updated} updated, ` +
        `${result.unchanged} unchanged`,
    );
  } finally {
    await db.$disconnect();
  }
}

export function registerDatabaseCommands(program: Command): void {
  program
    .command("migrate")
    .description("apply pending migrations from prisma/migrations (works offline)")
    .action(() => withDatabase(migrate));

  program
    .command("seed")
    .description("load the error-code catalogue; running it again changes nothing")
    .action(() => withDatabase(seed));

  program
    .command("migration")
    .description("manage migration files")
    .command("create")
    .argument("<name>", "what the change does, in snake_case, e.g. add_event_host")
    .description("write a migration for the change from the last migration to prisma/schema.prisma")
    .action((name: string) =>
      withDatabase(async (url) => {
        const dir = await createMigration(url, name);
        if (!dir) {
          step("migration: prisma/schema.prisma has no change since the last migration");
          return;
        }
        step(
          `migration: wrote prisma/migrations/${dir}/migration.sql; review it, then run migrate`,
        );
        console.log(dir);
      }),
    );
}
