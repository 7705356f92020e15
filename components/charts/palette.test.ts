import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

const css = readFileSync(path.join(import.meta.dirname, "../../app/globals.css"), "utf8");

/** The custom properties of the first rule whose selector ends with `selector`. */
function variables(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const body = css.slice(start, css.indexOf("}", start));
  return Object.fromEntries(
    [...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]),
  );
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const LINES = [
  ...Array.from({ length: 8 }, (_, i) => `--chart-${i + 1}`),
  "--chart-neutral",
  "--chart-expected",
  "--chart-release",
  "--chart-spike-text",
];

describe("chart palette", () => {
  const themes = {
    light: variables('[data-theme="light"]'),
    dark: variables('[data-theme="dark"]'),
    system: variables('  [data-theme="system"]'),
  };

  it.each(Object.entries(themes))(
    "draws lines and chart text at least 4.5:1 on the %s theme's surfaces",
    (_, vars) => {
      for (const name of LINES) {
        expect(vars[name], name).toBeDefined();
        for (const background of ["--surface", "--bg"]) {
          expect(
            contrast(vars[name]!, vars[background]!),
            `${name} on ${background}`,
          ).toBeGreaterThanOrEqual(4.5);
        }
      }
    },
  );

  it("gives the system theme in dark mode the dark theme's chart colours", () => {
    const chart = (vars: Record<string, string>) =>
      Object.entries(vars).filter(([name]) => name.startsWith("--chart-"));
    expect(chart(themes.system)).toEqual(chart(themes.dark));
    expect(chart(themes.dark).length).toBeGreaterThan(LINES.length);
  });
});
