import { describe, expect, it } from "vitest";

import { catalogEntries } from "./entries";
import { readSeedTable } from "./seed-table";
import { CODE_FAMILIES, type Bilingual } from "./types";

const seed = readSeedTable();
const byCode = new Map(catalogEntries.map((entry) => [entry.code, entry]));

function expectBilingual(text: Bilingual | undefined, where: string) {
  expect(text?.zh.trim(), `${where}.zh`).toBeTruthy();
  expect(text?.en.trim(), `${where}.en`).toBeTruthy();
}

describe("the code catalogue", () => {
  it("reads all 45 codes from the seed table", () => {
    expect(seed).toHaveLength(45);
    expect(new Set(seed.map((row) => row.code)).size).toBe(45);
  });

  it("has exactly one entry per seed code and nothing else", () => {
    expect(catalogEntries.map((e) => e.code).sort((a, b) => a - b)).toEqual(
      seed.map((row) => row.code).sort((a, b) => a - b),
    );
  });

  it.each(seed)("keeps the seed's Chinese text of $code character for character", (row) => {
    const entry = byCode.get(row.code);
    expect(entry?.seedText).toBe(row.text);
    expect(entry?.seedAnalysis).toBe(row.analysis);
  });

  it("explains every code in both languages, with causes, advice and checks", () => {
    for (const entry of catalogEntries) {
      const at = `code ${entry.code}`;
      expect(CODE_FAMILIES).toContain(entry.family);
      expectBilingual(entry.title, `${at} title`);
      expectBilingual(entry.summary, `${at} summary`);
      expectBilingual(entry.supportAdvice, `${at} supportAdvice`);
      expect(entry.causes.length, `${at} causes`).toBeGreaterThan(0);
      entry.causes.forEach((cause, i) => {
        expectBilingual(cause.title, `${at} cause ${i} title`);
        expectBilingual(cause.detail, `${at} cause ${i} detail`);
      });
      expect(entry.opsChecks.length, `${at} opsChecks`).toBeGreaterThan(0);
      entry.opsChecks.forEach((check, i) => expectBilingual(check, `${at} opsCheck ${i}`));
    }
  });

  it("relates codes only to codes in the catalogue, never to themselves", () => {
    for (const entry of catalogEntries) {
      for (const related of entry.relatedCodes) {
        expect(byCode.has(related), `${entry.code} -> ${related}`).toBe(true);
        expect(related).not.toBe(entry.code);
      }
    }
  });

  it("gives every network code the exception class and message shapes behind it", () => {
    const network = catalogEntries.filter((e) => e.family === "network");
    expect(network).toHaveLength(18);
    // 50501 comes from the phone's connectivity check, 50512/50513 from HTTP status codes and
    // 50514 from a response body: no network exception of their own stands behind them.
    const withoutException = [50501, 50512, 50513, 50514];
    for (const entry of network.filter((e) => !withoutException.includes(e.code))) {
      expect(entry.exceptions?.length, `code ${entry.code}`).toBeGreaterThan(0);
      for (const shape of entry.exceptions ?? []) {
        expect(shape.className).toMatch(/^[a-z][\w.]*\.[A-Z]\w+$/);
        expect(shape.message.trim()).toBeTruthy();
      }
    }
  });

  it("lists the six causes of 50502 in the seed's order, each with how to tell it apart", () => {
    const entry = byCode.get(50502)!;
    expect(entry.causes).toHaveLength(6);
    entry.causes.forEach((cause, i) =>
      expectBilingual(cause.howToTell, `50502 cause ${i} howToTell`),
    );
    const english = entry.causes.map((c) => `${c.title.en} ${c.detail.en}`.toLowerCase());
    expect(english[0]).toMatch(/clock|time/);
    expect(english[3]).toMatch(/expired/);
    expect(english[4]).toMatch(/root/);
    expect(english[5]).toMatch(/intermediate/);
    const messages = (entry.exceptions ?? []).map((e) => e.message).join("\n");
    expect(messages).toContain("Trust anchor for certification path not found");
    expect(messages).toContain("Certificate expired at");
  });
});
