"use client";

import { useI18n } from "@/components/providers";
import { countLabel, shareLabel } from "@/lib/charts/labels";
import type { BreakdownRow } from "@/lib/stats/dto";

import { QueryState } from "./query-state";
import { useBreakdown } from "./queries";
import type { DashboardView, Dimension } from "./view-state";

/** The dimensions a code page splits the code by (platform says little on one app's fleet). */
export const BREAKDOWN_DIMENSIONS: Dimension[] = [
  "host",
  "apiLevel",
  "appVersion",
  "osVersion",
  "network",
  "carrier",
  "region",
  "remoteIp",
  "exception",
];

/**
 * A value stands out when its share now is far from its share in the baseline: at least 20
 * points more, or at least twice a baseline share of 5% or more, or a value the baseline never
 * had that now holds a tenth.
 */
export function standsOut(row: BreakdownRow): boolean {
  if (row.baselineShare === null) return false;
  if (row.share - row.baselineShare >= 0.2) return true;
  if (row.baselineShare >= 0.05 && row.share >= 2 * row.baselineShare) return true;
  return row.baselineShare === 0 && row.share >= 0.1;
}

function Breakdown(props: {
  view: DashboardView;
  code: number;
  dimension: Dimension;
  filter: (dimension: Dimension, value: string) => void;
}) {
  const { locale, t } = useI18n();
  const query = useBreakdown(props.view, props.code, props.dimension);
  const heading = `breakdown-${props.dimension}`;
  return (
    <section className="breakdown" aria-labelledby={heading}>
      <h3 id={heading}>{t.dashboard.dimensions[props.dimension]}</h3>
      <QueryState
        what={t.dashboard.dimensions[props.dimension]}
        isPending={query.isPending}
        error={query.error}
        retry={() => void query.refetch()}
        skeletonHeight={96}
      >
        {query.data && query.data.rows.length === 0 ? (
          <p className="muted">{t.dashboard.noValues}</p>
        ) : (
          <table className="data-table breakdown-table">
            <thead>
              <tr>
                <th scope="col">{t.dashboard.value}</th>
                <th scope="col" className="numeric">
                  {t.dashboard.share}
                </th>
                <th scope="col" className="numeric">
                  {t.dashboard.baselineShare}
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data?.rows.map((row) => (
                <tr key={row.value} className={standsOut(row) ? "share-changed" : undefined}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      title={t.dashboard.addFilter}
                      aria-label={row.value}
                      onClick={() => props.filter(props.dimension, row.value)}
                    >
                      <QualifiedName value={row.value} />
                    </button>
                    <span
                      className="share-bar"
                      style={{ width: shareLabel(row.share) }}
                      aria-hidden="true"
                    />
                    {row.baselineShare !== null && (
                      <span
                        className="share-bar share-bar-baseline"
                        style={{ width: shareLabel(row.baselineShare) }}
                        aria-hidden="true"
                      />
                    )}
                  </th>
                  <td className="numeric">
                    {shareLabel(row.share)}
                    <span className="visually-hidden"> ({countLabel(row.count, locale)})</span>
                  </td>
                  <td className="numeric">
                    {row.baselineShare === null ? "–" : shareLabel(row.baselineShare)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}

/**
 * The code split by every dimension: each value's share now against its share in the 7 days
 * before, so the odd one out stands out (one host, old Android levels, one carrier). A value
 * filters the whole page to it.
 */
export function Breakdowns(props: {
  view: DashboardView;
  code: number;
  filter: (dimension: Dimension, value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="breakdowns-heading">
      <h2 id="breakdowns-heading">{t.dashboard.breakdowns}</h2>
      <p className="muted">{t.dashboard.breakdownHelp}</p>
      <div className="breakdown-grid">
        {BREAKDOWN_DIMENSIONS.map((dimension) => (
          <Breakdown key={dimension} {...props} dimension={dimension} />
        ))}
      </div>
    </section>
  );
}

/** A Java class name: its package (hidden on phones, see app/dashboard.css), then the class. */
function QualifiedName({ value }: { value: string }) {
  const match = /^((?:[a-z_$][\w$]*\.)+)([A-Z][\w$]*)$/.exec(value);
  if (!match) return <>{value}</>;
  return (
    <>
      <span className="qualifier">{match[1]}</span>
      {match[2]}
    </>
  );
}
