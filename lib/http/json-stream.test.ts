import { describe, expect, it } from "vitest";

import { jsonPieces, objectWithLargeArray } from "./json-stream";

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
});
