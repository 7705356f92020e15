/**
 * README.md's parts that tests hold to the code: the examples marked with an
 * `<!-- example: name -->` comment right before their fence, and its tables.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export function readReadme(): string {
  return readFileSync(path.join(import.meta.dirname, "..", "..", "README.md"), "utf8");
}

/** The code of the fenced block right after `<!-- example: name -->` (blank lines between). */
export function readmeExample(readme: string, name: string): string {
  const marker = `<!-- example: ${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}`);
  const block = /^\s*```[\w-]*\n([\s\S]*?)\n```/.exec(readme.slice(at + marker.length));
  if (!block) throw new Error(`README.md has no code block right after ${marker}`);
  return block[1] ?? "";
}

/**
 * The body rows of the table whose header's first cell is `firstHeader`, as trimmed cells.
 * A `\|` inside a cell is part of the cell.
 */
export function readmeTable(readme: string, firstHeader: string): string[][] {
  const lines = readme.split("\n");
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, "")
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
  const header = lines.findIndex((line) => line.startsWith("|") && cells(line)[0] === firstHeader);
  if (header < 0) throw new Error(`README.md has no table headed "${firstHeader}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(cells(line));
  }
  return rows;
}
