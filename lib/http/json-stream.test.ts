import { brotliDecompressSync, gunzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { fastestAccepted, jsonPieces, objectWithLargeArray } from "./json-stream";

describe("jsonPieces / objectWithLargeArray", () => {
  it("sends the same bytes as JSON.stringify of the whole object", async () => {
    const head = { project: "fleet", interval: "1h" };
    const series = Array.from({ length: 5 }, (_, code) => ({ code, points: [{ t: "x", n: 1 }] }));
    const tail = { spikes: [{ code: 2, peak: 9 }] };
    const response = jsonPieces(objectWithLargeArray(head, "series", series, tail));
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.text()).toBe(JSON.stringify({ ...head, series, ...tail }));
  });

  it("handles an empty head, an empty array and no tail", async () => {
    const text = await jsonPieces(objectWithLargeArray({}, "items", [])).text();
    expect(text).toBe(JSON.stringify({ items: [] }));
  });

  it("compresses with brotli or gzip when the client accepts it, the same JSON inside", async () => {
    const series = Array.from({ length: 300 }, (_, code) => ({
      code,
      points: [{ t: "x", n: code }],
    }));
    const whole = JSON.stringify({ interval: "1h", series, spikes: [] });
    const body = (accept: string) =>
      jsonPieces(
        objectWithLargeArray({ interval: "1h" }, "series", series, { spikes: [] }),
        {},
        accept,
      );
    const br = body("gzip, deflate, br, zstd");
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toBe("accept-encoding");
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(whole.length / 3);
    expect(brotliDecompressSync(brBytes).toString("utf8")).toBe(whole);
    const gzip = body("gzip, deflate");
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString("utf8")).toBe(whole);
  });

  it("an error while the pieces are made fails the compressed body, not silently short", async () => {
    function* failing() {
      yield '{"series":[';
      throw new Error("database went away");
    }
    const response = jsonPieces(failing(), {}, "br");
    await expect(response.arrayBuffer()).rejects.toThrow();
  });
});

describe("fastestAccepted (RFC 9110 §12.5.3)", () => {
  it("prefers br, then gzip, and honours q=0", () => {
    expect(fastestAccepted("gzip, deflate, br")).toBe("br");
    expect(fastestAccepted("gzip, deflate")).toBe("gzip");
    expect(fastestAccepted("br;q=0, GZIP;q=0.5")).toBe("gzip");
    expect(fastestAccepted("br; q=0, gzip;q=0")).toBeUndefined();
    expect(fastestAccepted("identity")).toBeUndefined();
    expect(fastestAccepted("")).toBeUndefined();
    expect(fastestAccepted(null)).toBeUndefined();
  });
});
