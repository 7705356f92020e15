import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { deviceHasher } from "./device-hash";

const hmac = (key: string, id: string) => createHmac("sha256", key).update(id).digest("hex");

describe("deviceHasher", () => {
  it("gives the HMAC-SHA256 of the deviceId under the key, from the cache or not", () => {
    const hash = deviceHasher("secret", 2);
    for (const id of ["a", "b", "a", "c", "a", "b"]) expect(hash(id)).toBe(hmac("secret", id));
  });

  it("keys the hash: another key gives another hash for the same device", () => {
    expect(deviceHasher("one")("device-1")).not.toBe(deviceHasher("two")("device-1"));
  });
});
