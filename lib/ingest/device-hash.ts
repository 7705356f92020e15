/**
 * The keyed hash that replaces a client's deviceId (HMAC-SHA256, hex). A fleet's devices send
 * many events each, and a fresh HMAC per event was ~5% of the ingest server's CPU, so recent
 * results are remembered: a bounded map, emptied whole when full (no LRU bookkeeping per hit).
 */
import { createHmac } from "node:crypto";

export const DEVICE_HASH_CACHE_SIZE = 50_000;

export function deviceHasher(
  key: string,
  cacheSize = DEVICE_HASH_CACHE_SIZE,
): (deviceId: string) => string {
  const cache = new Map<string, string>();
  return (deviceId) => {
    let hash = cache.get(deviceId);
    if (hash === undefined) {
      hash = createHmac("sha256", key).update(deviceId).digest("hex");
      if (cache.size >= cacheSize) cache.clear();
      cache.set(deviceId, hash);
    }
    return hash;
  };
}
