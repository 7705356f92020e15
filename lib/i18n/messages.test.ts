import { describe, expect, it } from "vitest";

import { localeFromAcceptLanguage, messages } from "./messages";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("interface messages", () => {
  it("have the same keys in Chinese and English", () => {
    expect(keys(messages.zh).sort()).toEqual(keys(messages.en).sort());
  });

  it("pick Chinese for Chinese browsers and English for other languages", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("de-DE")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("zh");
  });
});
