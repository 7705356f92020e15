/**
 * axe on the page as it stands: the serious and critical violations, each with the elements it
 * found them on. Every spec that scans a page asks this one function.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** A step of its own in the report: no serious or critical violation on the page as shown. */
export async function expectAccessible(page: Page): Promise<void> {
  const where = new URL(page.url()).pathname;
  await test.step(`axe finds nothing serious on ${where}`, async () => {
    expect(await seriousViolations(page), page.url()).toEqual([]);
  });
}
