import { describe, expect, it } from "vitest";

import { chars, fitLines, truncate, utf8Bytes } from "./truncate";

describe("truncate", () => {
  it("leaves text that fits alone", () => {
    expect(truncate("short", 10)).toBe("short");
  });

  it("cuts Chinese on a character boundary within the byte limit", () => {
    const cut = truncate("服务器证书可能已过期", 10); // 3 bytes a character, 3 for the ellipsis
    expect(cut).toBe("服务…");
    expect(utf8Bytes(cut)).toBeLessThanOrEqual(10);
    expect(Buffer.from(cut, "utf8").toString("utf8")).toBe(cut);
  });

  it("never splits an emoji with its modifiers", () => {
    const family = "👨‍👩‍👧";
    const cut = truncate(`ab${family}cd`, 11, chars);
    expect(cut).toBe(`ab${family}…`);
    expect(truncate(`ab${family}cd`, 6, chars)).toBe("ab…");
  });
});

describe("fitLines", () => {
  const more = (n: number) => `(${n} more)`;

  it("drops whole lines from the end, keeping the first and the last", () => {
    const lines = ["title", "a".repeat(20), "b".repeat(20), "c".repeat(20), "link"];
    const fitted = fitLines(lines, 40, { keepLast: 1, more });
    expect(fitted).toBe(["title", "a".repeat(20), "(2 more)", "link"].join("\n"));
  });

  it("cuts the text when even the first line is too long", () => {
    const fitted = fitLines(["x".repeat(100), "y"], 10, { more });
    expect(fitted).toBe(`${"x".repeat(7)}…`);
  });
});
