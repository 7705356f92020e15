/**
 * Channel URLs and signing secrets at rest: encrypted with Better Auth's symmetric encryption
 * (`better-auth/crypto`, XChaCha20-Poly1305 under a key derived from the auth secret), because
 * the sender needs them back in full (a signature is computed with the secret itself, a Slack
 * or WeCom URL is the credential). Rotating BETTER_AUTH_SECRET means adding channels again.
 */
import { symmetricDecrypt, symmetricEncrypt } from "better-auth/crypto";

import { resolveAuthSecret } from "../auth/better-auth";
import type { Db } from "../db/client";

/** A key of its own for channels, derived from the auth secret (never the same bytes). */
const keyFor = async (db: Db) => `codewatch-channels:${await resolveAuthSecret(db)}`;

export async function encryptSecret(db: Db, plain: string): Promise<string> {
  return symmetricEncrypt({ key: await keyFor(db), data: plain });
}

export async function decryptSecret(db: Db, stored: string): Promise<string> {
  return symmetricDecrypt({ key: await keyFor(db), data: stored });
}

/**
 * A URL as lists show it: scheme, host and path with every query value and any path segment
 * longer than 12 characters (a token) masked, e.g. `https://oapi.dingtalk.com/robot/send?access_token=…`.
 */
export function maskUrl(url: string): string {
  const u = new URL(url);
  const path = u.pathname
    .split("/")
    .map((part) => (part.length > 12 ? `${part.slice(0, 4)}…` : part))
    .join("/");
  const query = [...u.searchParams.keys()].map((k) => `${k}=…`).join("&");
  return `${u.protocol}//${u.host}${path}${query ? `?${query}` : ""}`;
}
