/**
 * Notification channels (admins): where incidents are sent. The URL and the secret are stored
 * encrypted (lib/alerts/secrets.ts) and never returned: lists show the masked URL and whether
 * a secret is set. Throws NotFoundError for an unknown channel.
 */
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import type { ChannelTarget, ChannelType } from "../notify/types";
import type { CreateChannelBody } from "./api-schemas";
import { decryptSecret, encryptSecret, maskUrl } from "./secrets";

export interface ChannelDto {
  id: string;
  /** Null: notified for every project. */
  project: string | null;
  name: string;
  type: ChannelType;
  url: string;
  hasSecret: boolean;
  enabled: boolean;
  createdAt: string;
}

type ChannelRow = Awaited<ReturnType<Db["channel"]["findFirstOrThrow"]>> & {
  project: { slug: string } | null;
};

const include = { project: { select: { slug: true } } } as const;

function toChannelDto(c: ChannelRow): ChannelDto {
  return {
    id: c.id,
    project: c.project?.slug ?? null,
    name: c.name,
    type: c.type as ChannelType,
    url: c.urlDisplay,
    hasSecret: c.secretEncrypted !== null,
    enabled: c.enabled,
    createdAt: c.createdAt.toISOString(),
  };
}

/** A project's channels and those for every project; every channel when projectId is null. */
export async function listChannels(db: Db, projectId: string | null): Promise<ChannelDto[]> {
  const rows = await db.channel.findMany({
    where: projectId ? { OR: [{ projectId }, { projectId: null }] } : {},
    include,
    orderBy: { createdAt: "asc" },
  });
  return rows.map(toChannelDto);
}

export async function createChannel(
  db: Db,
  projectId: string | null,
  input: Omit<CreateChannelBody, "project">,
  createdBy: string | null,
): Promise<ChannelDto> {
  return toChannelDto(
    await db.channel.create({
      data: {
        projectId,
        name: input.name,
        type: input.type,
        urlEncrypted: await encryptSecret(db, input.url),
        urlDisplay: maskUrl(input.url),
        secretEncrypted: input.secret ? await encryptSecret(db, input.secret) : null,
        createdBy,
      },
      include,
    }),
  );
}

export async function deleteChannel(db: Db, id: string): Promise<void> {
  const { count } = await db.channel.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError(`No channel ${id}.`);
}

/** The project a channel belongs to (null: every project), for the caller's access check. */
export async function channelProject(db: Db, id: string): Promise<string | null> {
  const channel = await db.channel.findUnique({ where: { id }, select: { projectId: true } });
  if (!channel) throw new NotFoundError(`No channel ${id}.`);
  return channel.projectId;
}

/** The channel as the sender needs it, secrets decrypted. */
export async function channelTarget(
  db: Db,
  channel: { type: string; urlEncrypted: string; secretEncrypted: string | null },
): Promise<ChannelTarget> {
  return {
    type: channel.type as ChannelType,
    url: await decryptSecret(db, channel.urlEncrypted),
    secret: channel.secretEncrypted ? await decryptSecret(db, channel.secretEncrypted) : null,
  };
}

/**
 * The channels of `type` whose URL satisfies `matches`, decrypted (URL and secret), for a
 * receiver built into codewatch (lib/demo) that must know which channels deliver to it.
 * `projectId` narrows to one project's own channels.
 */
export async function channelsWithUrl(
  db: Db,
  type: ChannelType,
  matches: (url: URL) => boolean,
  projectId?: string,
): Promise<(ChannelTarget & { id: string; name: string })[]> {
  const rows = await db.channel.findMany({ where: { type, ...(projectId ? { projectId } : {}) } });
  const found: (ChannelTarget & { id: string; name: string })[] = [];
  for (const row of rows) {
    const target = await channelTarget(db, row);
    if (matches(new URL(target.url))) found.push({ ...target, id: row.id, name: row.name });
  }
  return found;
}
