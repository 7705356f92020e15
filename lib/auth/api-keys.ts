/**
 * Who a bearer key is: its project and scopes, looked up by the key's SHA-256
 * (lib/auth/api-key-secret.ts). Creating and revoking keys is project management
 * (lib/projects); this is authentication.
 */
import type { Db } from "../db/client";
import { hashApiKey, looksLikeApiKey } from "./api-key-secret";
import type { ApiKeyScope } from "./constants";

const LAST_USED_RESOLUTION_MS = 60_000;
/** When this process last wrote lastUsedAt, per key id (one entry per key in use). */
const lastUsedWrites = new Map<string, number>();

export interface KeyPrincipal {
  keyId: string;
  projectId: string;
  projectSlug: string;
  scopes: ApiKeyScope[];
}

/**
 * The project and scopes of a bearer key, or undefined for a malformed, unknown or revoked key:
 * callers cannot tell those apart, so keys cannot be probed.
 */
export async function authenticateApiKey(db: Db, key: string): Promise<KeyPrincipal | undefined> {
  if (!looksLikeApiKey(key)) return undefined;
  const found = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    include: { project: { select: { slug: true } } },
  });
  if (!found || found.revokedAt) return undefined;
  // At most one write a minute per key: this process skips the statement while its last write
  // is recent, and the condition keeps several instances from writing more often either.
  const now = Date.now();
  if (now - (lastUsedWrites.get(found.id) ?? 0) >= LAST_USED_RESOLUTION_MS) {
    lastUsedWrites.set(found.id, now);
    await db.$executeRaw`
      UPDATE "ApiKey" SET "lastUsedAt" = now()
      WHERE id = ${found.id}
        AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute')`;
  }
  return {
    keyId: found.id,
    projectId: found.projectId,
    projectSlug: found.project.slug,
    scopes: found.scopes as ApiKeyScope[],
  };
}
