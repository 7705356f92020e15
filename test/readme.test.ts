/**
 * README.md stays true to the code: its table of environment variables against lib/env.ts's
 * schema, and its Android example's exception-to-code mapping against the catalogue.
 */
import { describe, expect, it } from "vitest";

import { catalogEntries } from "@/lib/catalog/entries";
import { envSchema } from "@/lib/env";

import { readmeExample, readmeTable, readReadme } from "./support/readme";

const readme = readReadme();

describe("README.md's table of environment variables", () => {
  const rows = readmeTable(readme, "variable");
  const documented = new Map(rows.map(([name = "", ...rest]) => [name.replaceAll("`", ""), rest]));
  const variables = Object.keys(envSchema.shape);

  it("lists every variable lib/env.ts reads, and no other", () => {
    expect([...documented.keys()].sort()).toEqual([...variables].sort());
  });

  it("gives each variable the default the schema gives it", () => {
    const defaults: Record<string, unknown> = envSchema.parse({});
    for (const name of variables) {
      const value = defaults[name];
      const cell = documented.get(name)?.[0] ?? "";
      if (typeof value === "string" || typeof value === "number") {
        expect(cell, name).toContain(`\`${value}\``);
      } else {
        // No default value: the cell says what happens when the variable is unset.
        expect(cell, name).toMatch(/^(unset|none)\b/);
      }
    }
  });
});

describe("README.md's Android interceptor", () => {
  const kotlin = readmeExample(readme, "android-okhttp");
  const entry = (code: number) => catalogEntries.find((e) => e.code === code);
  /** The `when` branches of codeFor: `condition -> code`, one a line. */
  const branches = [...kotlin.matchAll(/^\s+(.+?) -> (\d+)$/gm)].map(
    ([, condition = "", code]) => ({
      condition,
      code: Number(code),
    }),
  );

  it("maps each exception to a catalogue code that names that exception and message", () => {
    expect(branches.length).toBeGreaterThanOrEqual(15);
    for (const { condition, code } of branches) {
      const found = entry(code);
      expect(found, `${condition} -> ${code}`).toBeDefined();
      const className = /\be is (\w+)/.exec(condition)?.[1];
      const text = /text(?:\.startsWith\(| == )"([^"]+)"/.exec(condition)?.[1];
      if (!className && !text) continue; // the connectivity check, and the catch-all
      const shapes = (found?.exceptions ?? []).filter(
        (shape) =>
          (!className || shape.className.endsWith(`.${className}`)) &&
          (!text || shape.message.toLowerCase().startsWith(text)),
      );
      expect(shapes, `${condition} -> ${code}`).not.toHaveLength(0);
    }
  });

  it("files an HTTP 502 or 503 answer under the code whose seed text is that status", () => {
    const statuses = [...kotlin.matchAll(/^\s+(\d{3}) -> record\((\d+),/gm)];
    expect(statuses).toHaveLength(2);
    for (const [, status, code] of statuses) expect(entry(Number(code))?.seedText).toBe(status);
  });
});
