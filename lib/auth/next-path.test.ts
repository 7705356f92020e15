import { describe, expect, it } from "vitest";

import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeNextPath("/codes/50502")).toBe("/codes/50502");
    expect(safeNextPath("/codes?q=%E8%AF%81%E4%B9%A6")).toBe("/codes?q=%E8%AF%81%E4%B9%A6");
  });

  it.each([
    "//evil.example/x",
    "/\\evil.example",
    "/\t/evil.example/phish",
    "https://evil.example",
    "javascript:alert(1)",
    "",
    undefined,
  ])("refuses %j and goes home instead", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });
});
