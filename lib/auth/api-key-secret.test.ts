import { describe, expect, it } from "vitest";

import { generateApiKey, hashApiKey, looksLikeApiKey } from "./api-key-secret";

describe("API key secrets", () => {
  it("are cw_ followed by 256 random bits, and differ every time", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^cw_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(looksLikeApiKey(a.key)).toBe(true);
  });

  it("are stored as a SHA-256 hash and shown by a short prefix", () => {
    const secret = generateApiKey();
    expect(secret.hash).toBe(hashApiKey(secret.key));
    expect(secret.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(secret.key.startsWith(secret.displayPrefix)).toBe(true);
    expect(secret.displayPrefix.length).toBeLessThan(16);
  });

  it("reject anything that is not shaped like a key", () => {
    expect(looksLikeApiKey("cw_short")).toBe(false);
    expect(looksLikeApiKey(`xx_${"a".repeat(43)}`)).toBe(false);
  });
});
