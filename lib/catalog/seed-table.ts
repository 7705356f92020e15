/**
 * Reads the seed table (lib/catalog/seed/error-codes.md, a verbatim copy of the platform's
 * Android SDK error-code table). The catalogue tests hold every entry to it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface SeedRow {
  code: number;
  /** 描述 (first table) or 错误信息 (network table), trimmed. */
  text: string;
  /** 错误原因分析 (network table), trimmed; undefined when the cell is empty. */
  analysis?: string;
}

export const SEED_TABLE_PATH = path.join(import.meta.dirname, "seed", "error-codes.md");

/** Parses every table row whose first cell is a number. */
export function parseSeedTable(markdown: string): SeedRow[] {
  const rows: SeedRow[] = [];
  for (const line of markdown.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("|")) continue;
    const cells = trimmed
      .replace(/^\|/, "")
      .replace(/\|$/, "")
      .split("|")
      .map((cell) => cell.trim());
    const [codeCell, text, analysis] = cells;
    if (!codeCell || !/^\d+$/.test(codeCell) || text === undefined) continue;
    rows.push({ code: Number(codeCell), text, ...(analysis ? { analysis } : {}) });
  }
  return rows;
}

export function readSeedTable(): SeedRow[] {
  return parseSeedTable(readFileSync(SEED_TABLE_PATH, "utf8"));
}
