"use client";

import type { BucketEvents, TooltipContent } from "@/lib/charts/tooltip";
import type { Messages } from "@/lib/i18n/messages";

import { seriesColor } from "./colors";
import { Swatch } from "./swatch";

/**
 * The tooltip of one bucket: per series its count, expected value and change against it (and
 * against the bucket before when `previous`), then the spikes and releases of the bucket.
 */
export function ChartTooltip(props: {
  content: TooltipContent;
  events: BucketEvents;
  previous: boolean;
  t: Messages["chart"];
}) {
  const { content, events, previous, t } = props;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{content.title}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t.code}</span>
            </th>
            <th scope="col">{t.count}</th>
            <th scope="col">{t.expected}</th>
            <th scope="col">{t.vsExpected}</th>
            {previous && <th scope="col">{t.vsPrevious}</th>}
          </tr>
        </thead>
        <tbody>
          {content.entries.map((entry) => (
            <tr key={entry.key}>
              <th scope="row">
                <Swatch color={seriesColor(entry.color)} />
                {entry.label}
              </th>
              <td>
                {entry.count}
                {entry.spike && <span className="chart-spike-mark"> {t.spike}</span>}
              </td>
              <td>{entry.expected ?? t.noVerdict}</td>
              <td>
                {entry.vsExpected ?? "–"}
                {entry.verdict === "provisional" && ` (${t.provisional})`}
              </td>
              {previous && <td>{entry.vsPrevious ?? "–"}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {events.spikes.length > 0 && (
        <p className="chart-tooltip-note">
          {t.spike}:{" "}
          {events.spikes
            .map(
              (spike) =>
                `${spike.code}${spike.provisional ? ` (${t.provisional})` : ""}${
                  spike.ongoing ? ` (${t.ongoing})` : ""
                }`,
            )
            .join(", ")}
        </p>
      )}
      {events.releases.length > 0 && (
        <p className="chart-tooltip-note">
          {t.release}: {events.releases.join(", ")}
        </p>
      )}
    </div>
  );
}
