import { expect, test } from "@playwright/test";

/** A sample's value in Prometheus text format, or undefined when absent. */
function sample(text: string, name: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(" ")[1]);
}

test.describe("background work of the production server", () => {
  test("the detector loop runs soon after start, without failing", async ({ request }) => {
    test.setTimeout(60_000);
    let metrics = "";
    await expect
      .poll(
        async () => {
          metrics = await (await request.get("/metrics")).text();
          return sample(metrics, "codewatch_detector_tick_duration_seconds_count") ?? 0;
        },
        { timeout: 45_000, intervals: [1_000] },
      )
      .toBeGreaterThanOrEqual(1);
    expect(sample(metrics, "codewatch_detector_tick_failures_total")).toBe(0);
  });
});
