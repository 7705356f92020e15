"use client";

import { useState } from "react";

import { bucketLabel, countLabel, expectedLabel, instantLabel } from "@/lib/charts/labels";
import type { ReleaseMarker } from "@/lib/charts/releases";
import type { SpikeArea } from "@/lib/charts/spikes";
import type { ChartData } from "@/lib/charts/types";
import type { Locale, Messages } from "@/lib/i18n/messages";

export interface ChartTableProps {
  data: ChartData;
  title: string;
  timeZone: string;
  locale: Locale;
  t: Messages["chart"];
  /** The series whose expected value and upper bound get columns of their own. */
  bandKey?: string;
  spikes: readonly SpikeArea[];
  releases: readonly ReleaseMarker[];
  /** Open at first. The tables are built only while open: a month of hours is thousands of cells. */
  defaultOpen?: boolean;
}

/**
 * The chart's text alternative: a disclosure (keyboard- and screen-reader-reachable, closed by
 * default) holding the data as a table, one row per bucket in the reader's zone, with the spikes
 * and releases of the range in tables of their own.
 */
export function ChartTable(props: ChartTableProps) {
  const [open, setOpen] = useState(props.defaultOpen ?? false);
  return (
    <details
      className="chart-table"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{props.t.showTable}</summary>
      {open && <Tables {...props} />}
    </details>
  );
}

function Tables({ data, title, timeZone, locale, t, bandKey, spikes, releases }: ChartTableProps) {
  const band = bandKey !== undefined && data.series.some((spec) => spec.key === bandKey);
  const members = spikes.flatMap((area) => area.spikes);
  const versions = releases.flatMap((marker) => marker.versions);
  // The scroll box is focusable, so a keyboard can scroll it, and named for screen readers.
  return (
    <div className="chart-table-body" tabIndex={0} role="region" aria-label={t.tableCaption(title)}>
      <table className="data-table">
        <caption>{t.tableCaption(title)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.time}</th>
            {data.series.map((spec) => (
              <th scope="col" key={spec.key}>
                {spec.label}
              </th>
            ))}
            {band && <th scope="col">{t.expected}</th>}
            {band && <th scope="col">{t.upper}</th>}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => {
            const bandCell = band ? row.cells[bandKey] : undefined;
            return (
              <tr key={row.t}>
                <th scope="row">{bucketLabel(row, data.interval, timeZone, locale)}</th>
                {data.series.map((spec) => {
                  const cell = row.cells[spec.key];
                  return (
                    <td key={spec.key}>
                      {cell ? countLabel(cell.count, locale) : ""}
                      {cell?.spike &&
                        ` (${t.spike}${cell.verdict === "provisional" ? `, ${t.provisional}` : ""})`}
                    </td>
                  );
                })}
                {band && (
                  <td>
                    {bandCell?.expected == null
                      ? t.noVerdict
                      : expectedLabel(bandCell.expected, locale)}
                  </td>
                )}
                {band && (
                  <td>{bandCell?.upper == null ? "–" : expectedLabel(bandCell.upper, locale)}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <ListTable
        caption={t.spikes}
        head={[t.code, t.start, t.end]}
        rows={members.map((spike) => ({
          key: `${spike.code}-${spike.start}`,
          cells: [
            String(spike.code),
            instantLabel(spike.start, timeZone, locale),
            (spike.ongoing ? t.ongoing : instantLabel(spike.end, timeZone, locale)) +
              (spike.provisional ? ` (${t.provisional})` : ""),
          ],
        }))}
      />
      <ListTable
        caption={t.releases}
        head={[t.version, t.firstSeen]}
        rows={versions.map((version) => ({
          key: version.appVersion,
          cells: [version.appVersion, instantLabel(version.firstSeen, timeZone, locale)],
        }))}
      />
    </div>
  );
}

/** A small table of text, its first column the row headers; nothing when it has no rows. */
function ListTable(props: {
  caption: string;
  head: string[];
  rows: { key: string; cells: string[] }[];
}) {
  if (props.rows.length === 0) return null;
  return (
    <table className="data-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.head.map((name) => (
            <th scope="col" key={name}>
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, i) =>
              i === 0 ? (
                <th scope="row" key={i}>
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
