import { describe, expect, it } from "vitest";

import {
  bucketLabel,
  changeLabel,
  compactCountLabel,
  countLabel,
  expectedLabel,
  instantLabel,
  tickLabel,
} from "./labels";

const at = (iso: string) => Date.parse(iso);
const SHANGHAI = "Asia/Shanghai";

describe("chart labels", () => {
  it("label ticks by the clock, the date or the month, in the reader's zone and language", () => {
    const t = at("2026-11-26T06:00:00Z");
    expect(tickLabel({ t, kind: "time" }, SHANGHAI, "en")).toBe("14:00");
    expect(tickLabel({ t, kind: "time" }, "America/New_York", "zh")).toBe("01:00");
    expect(tickLabel({ t, kind: "day" }, SHANGHAI, "en")).toBe("Nov 26");
    expect(tickLabel({ t, kind: "day" }, SHANGHAI, "zh")).toBe("11月26日");
    expect(tickLabel({ t, kind: "month" }, SHANGHAI, "en")).toBe("Nov 2026");
    expect(tickLabel({ t, kind: "month" }, SHANGHAI, "zh")).toBe("2026年11月");
  });

  it("name a bucket by its span, and a day bucket by its date in the zone", () => {
    const span = { t: at("2026-11-26T06:00:00Z"), end: at("2026-11-26T06:05:00Z") };
    expect(bucketLabel(span, "5m", SHANGHAI, "en")).toMatch(/^Nov 26, 14:00\s–\s14:05$/);
    expect(bucketLabel(span, "5m", SHANGHAI, "zh")).toMatch(/14:00\s?–\s?14:05$/);
    const day = { t: at("2026-11-01T04:00:00Z"), end: at("2026-11-02T05:00:00Z") };
    expect(bucketLabel(day, "1d", "America/New_York", "en")).toBe("Sun, Nov 1, 2026");
    expect(bucketLabel(day, "1d", "America/New_York", "zh")).toBe("2026年11月1日周日");
  });

  it("show a bucket crossing midnight with both dates", () => {
    const span = { t: at("2026-11-26T15:00:00Z"), end: at("2026-11-26T16:00:00Z") };
    expect(bucketLabel(span, "1h", SHANGHAI, "en")).toMatch(/^Nov 26, 23:00\s–\sNov 27, 00:00$/);
  });

  it("write instants with their date and year", () => {
    expect(instantLabel(at("2026-11-26T06:01:00Z"), SHANGHAI, "en")).toBe("Nov 26, 2026, 14:01");
  });

  it("write counts in full, compact on an axis, expected values to one decimal", () => {
    expect(countLabel(12_345, "en")).toBe("12,345");
    expect(compactCountLabel(12_345, "en")).toBe("12K");
    expect(compactCountLabel(12_345, "zh")).toBe("1.2万");
    expect(expectedLabel(4.26, "en")).toBe("4.3");
    expect(expectedLabel(3, "zh")).toBe("3");
  });

  it("write a change with its sign and share, or alone when the base was 0", () => {
    expect(changeLabel({ delta: 12, ratio: 0.4 }, "en")).toBe("+12 (+40%)");
    expect(changeLabel({ delta: -3, ratio: -0.2 }, "en")).toBe("-3 (-20%)");
    expect(changeLabel({ delta: 5, ratio: null }, "en")).toBe("+5");
    expect(changeLabel({ delta: 0, ratio: 0 }, "zh")).toBe("±0");
    expect(changeLabel({ delta: 807.8, ratio: 192.33 }, "en")).toBe("+807.8 (+19,233%)");
  });
});
