/** `channels add | list | remove`: where incidents are sent (lib/alerts/channels.ts). */
import type { Command } from "commander";

import { createChannelBody } from "../../lib/alerts/api-schemas";
import { createChannel, deleteChannel, listChannels } from "../../lib/alerts/channels";
import { CHANNEL_TYPES } from "../../lib/notify/types";
import { getProjectBySlug } from "../../lib/projects/repository";
import { readPasswordFromStdin, withDb } from "./accounts";
import { step } from "./log";

interface AddOptions {
  project?: string;
  type: string;
  url: string;
  name?: string;
  secret?: string;
  secretStdin?: boolean;
}

export function registerChannelCommands(program: Command): void {
  const channels = program
    .command("channels")
    .description(
      "manage notification channels (webhook, Slack, Feishu, DingTalk, WeCom, Alertmanager)",
    );
  channels
    .command("add")
    .description(
      "add a channel; the URL and secret are stored encrypted and never shown again. " +
        "Without --project, the channel hears about every project.",
    )
    .option("--project <slug>", "the project it is for (default: every project)")
    .requiredOption("--type <type>", CHANNEL_TYPES.join("|"))
    .requiredOption("--url <url>", "the hook URL (Alertmanager: its base URL)")
    .option("--name <name>", "what it is called in lists")
    .option("--secret <secret>", "signing secret (webhook, Feishu, DingTalk); visible in ps")
    .option("--secret-stdin", "read the signing secret from standard input instead")
    .action((options: AddOptions) =>
      withDb(async (db) => {
        if (options.secret && options.secretStdin) {
          throw new Error("give --secret or --secret-stdin, not both");
        }
        const secret = options.secretStdin ? await readPasswordFromStdin() : options.secret;
        const input = createChannelBody.safeParse({
          project: options.project,
          name: options.name ?? options.type,
          type: options.type,
          url: options.url,
          secret: secret || undefined,
        });
        if (!input.success) {
          throw new Error(
            input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
          );
        }
        const project = options.project ? await getProjectBySlug(db, options.project) : null;
        if (options.project && !project) throw new Error(`no project "${options.project}"`);
        const { name, type, url } = input.data;
        const created = await createChannel(
          db,
          project?.id ?? null,
          { name, type, url, secret: input.data.secret },
          "cli",
        );
        step(
          `channels: added ${created.type} "${created.name}" → ${created.url}` +
            ` for ${created.project ?? "every project"}${created.hasSecret ? " (signed)" : ""}`,
        );
        console.log(created.id);
      }),
    );
  channels
    .command("list")
    .option("--project <slug>", "only those a project's incidents go to")
    .description("list channels (URLs masked)")
    .action((options: { project?: string }) =>
      withDb(async (db) => {
        const project = options.project ? await getProjectBySlug(db, options.project) : null;
        if (options.project && !project) throw new Error(`no project "${options.project}"`);
        for (const c of await listChannels(db, project?.id ?? null)) {
          console.log(`${c.id}\t${c.type}\t${c.name}\t${c.project ?? "*"}\t${c.url}`);
        }
      }),
    );
  channels
    .command("remove")
    .argument("<id>", "the channel's id (from channels list)")
    .description("remove a channel")
    .action((id: string) =>
      withDb(async (db) => {
        await deleteChannel(db, id);
        step(`channels: removed ${id}`);
      }),
    );
}
