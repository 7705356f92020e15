/**
 * Values the app generates for itself once and then shares across instances and restarts
 * (a signing secret, a hashing key), kept in the AppSetting table.
 */
import { randomBytes } from "node:crypto";

import type { Db } from "./client";

/** The stored value for `key`, generating 32 random bytes (base64url) the first time. */
export async function getOrCreateSecretSetting(db: Db, key: string): Promise<string> {
  // Insert-if-absent, then read: two instances starting together end up with the same value.
  await db.appSetting.upsert({
    where: { key },
    create: { key, value: randomBytes(32).toString("base64url") },
    update: {},
  });
  return (await db.appSetting.findUniqueOrThrow({ where: { key } })).value;
}
