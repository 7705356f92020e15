import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { Providers } from "@/components/providers";
import { codeLines } from "@/lib/charts/series";
import type { Locale } from "@/lib/i18n/messages";
import type { SeriesInput } from "@/lib/charts/types";

import { TimeSeriesChart, type TimeSeriesChartProps } from "./time-series-chart";

const T0 = Date.parse("2026-11-26T06:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();
const FIVE = 300_000;

const response: SeriesInput = {
  interval: "5m",
  from: iso(T0),
  to: iso(T0 + 3 * FIVE),
  series: [
    {
      code: 50502,
      points: [
        { t: iso(T0), count: 3, expected: 2.5, upper: 8, spike: false, verdict: "settled" },
        {
          t: iso(T0 + FIVE),
          count: 1812,
          expected: 4.2,
          upper: 11,
          spike: true,
          verdict: "provisional",
        },
        {
          t: iso(T0 + 2 * FIVE),
          count: 0,
          expected: 0,
          upper: null,
          spike: false,
          verdict: "none",
        },
      ],
    },
  ],
};

function render(props: Partial<TimeSeriesChartProps> = {}, locale: Locale = "en") {
  return renderToStaticMarkup(
    <Providers locale={locale}>
      <TimeSeriesChart
        data={codeLines(response, { timeZone: "Asia/Shanghai" })}
        timeZone="Asia/Shanghai"
        title="50502, events per 5 minutes"
        bandKey="50502"
        spikes={[
          {
            code: 50502,
            start: iso(T0 + FIVE),
            end: iso(T0 + 2 * FIVE),
            verdict: "provisional",
            ongoing: false,
          },
        ]}
        releases={[{ appVersion: "5.3.0", firstSeen: iso(T0 + 60_000) }]}
        defaultTableOpen
        {...props}
      />
    </Providers>,
  );
}

/** The text of every cell of the first table, row by row. */
function firstTable(html: string): string[][] {
  const table = html.slice(html.indexOf("<table"), html.indexOf("</table>"));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]!.replace(/<[^>]+>/g, ""),
    ),
  );
}

describe("TimeSeriesChart", () => {
  it("is a figure named by its caption", () => {
    const html = render();
    expect(html).toMatch(/^<figure class="chart" aria-labelledby="([^"]+)"><figcaption id="\1"/);
    expect(html).toContain(">50502, events per 5 minutes</figcaption>");
  });

  it("holds the data in a table a screen reader can reach, one row per bucket in the zone", () => {
    const html = render();
    expect(html).toContain("<details");
    expect(html).toContain("<summary>Show the data as a table</summary>");
    expect(html).toContain("<caption>50502, events per 5 minutes: events per bucket</caption>");
    const rows = firstTable(html).map((row) => row.map((cell) => cell.replace(/\s/g, " ")));
    expect(rows).toEqual([
      ["Time", "50502", "Expected", "Top of expected range"],
      ["Nov 26, 14:00 – 14:05", "3", "2.5", "8"],
      ["Nov 26, 14:05 – 14:10", "1,812 (Spike, provisional)", "4.2", "11"],
      ["Nov 26, 14:10 – 14:15", "0", "no verdict yet", "–"],
    ]);
  });

  it("lists the spikes and releases of the range in tables of their own", () => {
    const html = render();
    expect(html).toContain("<caption>Spikes</caption>");
    expect(html).toMatch(
      /<th scope="row">50502<\/th><td>Nov 26, 2026, 14:05<\/td><td>Nov 26, 2026, 14:10 \(provisional\)<\/td>/,
    );
    expect(html).toContain("<caption>Releases</caption>");
    expect(html).toContain('<th scope="row">5.3.0</th><td>Nov 26, 2026, 14:01</td>');
  });

  it("keys the series, the expected band, spikes and releases in a legend", () => {
    const legend = render().match(/<ul class="chart-legend">(.*?)<\/ul>/)![1]!;
    expect(
      legend
        .replace(/<[^>]+>/g, "|")
        .split("|")
        .filter(Boolean),
    ).toEqual(["50502", "Expected", "Expected range", "Spike", "Release"]);
  });

  it("speaks the reader's language", () => {
    const html = render({}, "zh");
    expect(html).toContain("<summary>以表格查看数据</summary>");
    expect(html).toContain("1,812 (突增, 暂定)");
  });

  it("builds the table only once it is opened", () => {
    const html = render({ defaultTableOpen: false });
    expect(html).toContain("<summary>Show the data as a table</summary>");
    expect(html).not.toContain("<table");
  });

  it("says so when there is nothing to chart", () => {
    const html = render({ data: codeLines({ ...response, series: [] }, { timeZone: "UTC" }) });
    expect(html).toContain("Nothing to chart in this range.");
    expect(html).not.toContain("<details");
  });
});
