/**
 * Projects and their API keys. Every function takes the database client, so the API, the CLI
 * and the tests share them.
 */
import type { Db } from "../db/client";
import { BUILTIN_RULES } from "../alerts/builtin";
import { generateApiKey } from "../auth/api-key-secret";
import type { ApiKeyScope } from "../auth/constants";
import { ConflictError, NotFoundError } from "../errors";
import type { ApiKeyDto, CreatedApiKeyDto, ProjectDto } from "./dto";

function toProjectDto(p: {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  language: string;
  createdAt: Date;
}): ProjectDto {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    timeZone: p.timeZone,
    language: p.language === "en" ? "en" : "zh",
    createdAt: p.createdAt.toISOString(),
  };
}

export async function listProjects(db: Db): Promise<ProjectDto[]> {
  return (await db.project.findMany({ orderBy: { slug: "asc" } })).map(toProjectDto);
}

export async function getProjectBySlug(db: Db, slug: string): Promise<ProjectDto | undefined> {
  const project = await db.project.findUnique({ where: { slug } });
  return project ? toProjectDto(project) : undefined;
}

export async function createProject(
  db: Db,
  input: { slug: string; name?: string; timeZone?: string; language?: "zh" | "en" },
): Promise<ProjectDto> {
  const existing = await db.project.findUnique({ where: { slug: input.slug } });
  if (existing) throw new ConflictError(`project "${input.slug}" already exists`);
  return toProjectDto(
    await db.project.create({
      data: {
        slug: input.slug,
        name: input.name ?? input.slug,
        timeZone: input.timeZone,
        language: input.language,
        // Alerting works from the first event: the built-in rules come with the project.
        rules: { create: BUILTIN_RULES.map((rule) => ({ ...rule })) },
      },
    }),
  );
}

/** Changes a project's name or settings; throws NotFoundError for an unknown slug. */
export async function updateProject(
  db: Db,
  slug: string,
  change: { name?: string; timeZone?: string; language?: "zh" | "en" },
): Promise<ProjectDto> {
  const existing = await db.project.findUnique({ where: { slug } });
  if (!existing) throw new NotFoundError(`project "${slug}" does not exist`);
  return toProjectDto(await db.project.update({ where: { slug }, data: change }));
}

function toKeyDto(k: {
  id: string;
  name: string;
  displayPrefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  project: { slug: string };
}): ApiKeyDto {
  return {
    id: k.id,
    project: k.project.slug,
    name: k.name,
    displayPrefix: k.displayPrefix,
    scopes: k.scopes as ApiKeyScope[],
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiKeys(db: Db, projectSlug: string): Promise<ApiKeyDto[]> {
  const keys = await db.apiKey.findMany({
    where: { project: { slug: projectSlug } },
    include: { project: { select: { slug: true } } },
    orderBy: { createdAt: "desc" },
  });
  return keys.map(toKeyDto);
}

/** Creates a key; the returned `key` is the only time the plaintext exists outside the client. */
export async function createApiKey(
  db: Db,
  input: { projectSlug: string; scopes: ApiKeyScope[]; name?: string; createdBy?: string },
): Promise<CreatedApiKeyDto> {
  const project = await db.project.findUnique({ where: { slug: input.projectSlug } });
  if (!project) throw new NotFoundError(`project "${input.projectSlug}" does not exist`);
  const secret = generateApiKey();
  const created = await db.apiKey.create({
    data: {
      projectId: project.id,
      name: input.name ?? `${input.scopes.join("+")} key`,
      displayPrefix: secret.displayPrefix,
      keyHash: secret.hash,
      scopes: [...new Set(input.scopes)].sort(),
      createdBy: input.createdBy ?? null,
    },
    include: { project: { select: { slug: true } } },
  });
  return { ...toKeyDto(created), key: secret.key };
}

/** Revokes a key by id or by its display prefix; revoking twice is harmless. */
export async function revokeApiKey(db: Db, idOrPrefix: string): Promise<ApiKeyDto> {
  const key = await db.apiKey.findFirst({
    where: { OR: [{ id: idOrPrefix }, { displayPrefix: idOrPrefix }] },
  });
  if (!key) throw new NotFoundError(`no API key "${idOrPrefix}"`);
  const revoked = await db.apiKey.update({
    where: { id: key.id },
    data: { revokedAt: key.revokedAt ?? new Date() },
    include: { project: { select: { slug: true } } },
  });
  return toKeyDto(revoked);
}
