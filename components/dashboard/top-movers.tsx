"use client";

import Link from "next/link";
import { useState } from "react";

import { Sparkline } from "@/components/charts/sparkline";
import { useI18n } from "@/components/providers";
import { changeLabel, countLabel } from "@/lib/charts/labels";
import { sparkline } from "@/lib/charts/sparkline";
import { change } from "@/lib/charts/tooltip";
import type { CodeSummaryDto } from "@/lib/catalog/dto";
import type { SeriesPoint, TopRow } from "@/lib/stats/dto";

/** Rows shown before "show all". */
const SHOWN = 20;

/**
 * The codes of the range, busiest first: count, previous period, change, a sparkline of the
 * range; a code first reported in the range is marked new, one the catalogue lacks unknown.
 * Each row opens the code's page with the same view.
 */
export function TopMovers(props: {
  rows: TopRow[];
  from: number;
  points: Map<number, SeriesPoint[]>;
  catalogue: Map<number, CodeSummaryDto>;
  codeHref: (code: number) => string;
}) {
  const { locale, t } = useI18n();
  const [all, setAll] = useState(false);
  const rows = all ? props.rows : props.rows.slice(0, SHOWN);
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="top-movers-heading">
        <table className="data-table top-movers">
          <caption className="visually-hidden">{t.dashboard.topMovers}</caption>
          <thead>
            <tr>
              <th scope="col">{t.dashboard.code}</th>
              <th scope="col">{t.dashboard.title}</th>
              <th scope="col" className="numeric">
                {t.dashboard.count}
              </th>
              <th scope="col" className="numeric">
                {t.dashboard.previous}
              </th>
              <th scope="col" className="numeric">
                {t.dashboard.change}
              </th>
              <th scope="col">{t.dashboard.trend}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const entry = props.catalogue.get(row.code);
              const known = entry?.known ?? false;
              const isNew = Date.parse(row.firstSeen) >= props.from;
              const points = props.points.get(row.code);
              const delta = changeLabel(change(row.count, row.previousCount), locale);
              return (
                <tr key={row.code}>
                  <th scope="row">
                    {/* No prefetch: twenty rows of prefetched code pages competed with the
                        overview's own requests (bench:dashboard); a click fetches the one. */}
                    <Link href={props.codeHref(row.code)} className="code-number" prefetch={false}>
                      {row.code}
                    </Link>
                  </th>
                  <td>
                    {known ? entry!.title[locale] : t.codes.unknownCode}{" "}
                    {isNew && (
                      <span className="badge badge-new" title={t.dashboard.newCodeHelp}>
                        {t.dashboard.newCode}
                      </span>
                    )}{" "}
                    {!known && (
                      <span className="badge badge-unknown" title={t.dashboard.unknownCodeHelp}>
                        {t.dashboard.unknownCode}
                      </span>
                    )}
                  </td>
                  <td className="numeric">{countLabel(row.count, locale)}</td>
                  <td className="numeric">{countLabel(row.previousCount, locale)}</td>
                  <td className="numeric">{delta}</td>
                  <td>
                    {points && (
                      <Sparkline
                        points={sparkline(points)}
                        label={`${row.code}: ${countLabel(row.count, locale)} ${t.dashboard.events}, ${delta}`}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.rows.length > SHOWN && (
        <button type="button" className="button-quiet" onClick={() => setAll(!all)}>
          {all ? t.dashboard.showFewer : t.dashboard.showAll(props.rows.length)}
        </button>
      )}
    </>
  );
}
