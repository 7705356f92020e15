import { describe, expect, it } from "vitest";

import { intervalOf, parseView, serializeView, windowOf } from "./view-state";

const q = (query: string) => new URLSearchParams(query);
const NOW = Date.parse("2026-11-30T08:30:20Z");

describe("the dashboard's view in the URL", () => {
  it("reads a full view and writes it back the same", () => {
    const query =
      "project=demo&range=custom&from=2026-11-29T00%3A00%3A00.000Z&to=2026-11-30T00%3A00%3A00.000Z" +
      "&interval=1h&tz=Asia%2FShanghai&appVersion=5.2.1%2C5.3.0&host=a1.example.com&codes=50502%2C1006&mode=stacked";
    const view = parseView(q(query), "other");
    expect(view).toEqual({
      project: "demo",
      range: "custom",
      from: Date.parse("2026-11-29T00:00:00Z"),
      to: Date.parse("2026-11-30T00:00:00Z"),
      interval: "1h",
      tz: "Asia/Shanghai",
      filters: { appVersion: ["5.2.1", "5.3.0"], host: ["a1.example.com"] },
      codes: [50502, 1006],
      mode: "stacked",
    });
    expect(serializeView(view).toString()).toBe(query);
  });

  it("leaves defaults out of the URL and falls back to them for what it cannot read", () => {
    const view = parseView(q("range=forever&interval=2m&codes=abc&mode=pie"), "demo");
    expect(view).toEqual({ project: "demo", range: "24h", filters: {}, mode: "lines" });
    expect(serializeView(view).toString()).toBe("project=demo");
  });

  it("refuses a custom range that is backwards or longer than the API allows", () => {
    expect(
      parseView(q("range=custom&from=2026-11-30T00:00:00Z&to=2026-11-29T00:00:00Z"), "p").range,
    ).toBe("24h");
    expect(
      parseView(q("range=custom&from=2020-01-01T00:00:00Z&to=2026-11-29T00:00:00Z"), "p").range,
    ).toBe("24h");
  });

  it("ends a preset with the current minute and picks an interval the API takes", () => {
    const view = parseView(q("range=6h"), "p");
    expect(windowOf(view, NOW)).toEqual({
      from: Date.parse("2026-11-30T02:31:00Z"),
      to: Date.parse("2026-11-30T08:31:00Z"),
    });
    expect(intervalOf(view, NOW).interval).toBe("1m");
    expect(intervalOf(parseView(q("range=30d"), "p"), NOW).interval).toBe("1h");
    // An override the range cannot take (30 days of minutes) falls back to the default.
    expect(intervalOf(parseView(q("range=30d&interval=1m"), "p"), NOW)).toMatchObject({
      interval: "1h",
    });
  });
});
