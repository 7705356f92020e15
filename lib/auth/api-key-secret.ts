/**
 * API key material. A key is `cw_` + 32 random bytes in base64url: 256 bits, so a plain SHA-256
 * is the right way to store it (no salt or slow hash needed: nothing to guess from a dictionary).
 * Only the hash and a short display prefix are stored; the key itself is shown once.
 */
import { createHash, randomBytes } from "node:crypto";

export const KEY_PREFIX = "cw_";
const KEY_PATTERN = /^cw_[A-Za-z0-9_-]{43}$/;

export interface NewKeySecret {
  key: string;
  hash: string;
  /** What lists show to tell keys apart: "cw_AbCd1234…". */
  displayPrefix: string;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(): NewKeySecret {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, 11) };
}

/** Cheap shape check before touching the database; a malformed key is simply unknown. */
export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}
