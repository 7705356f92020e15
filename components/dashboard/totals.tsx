"use client";

import { useI18n } from "@/components/providers";
import { changeLabel, countLabel } from "@/lib/charts/labels";
import { change } from "@/lib/charts/tooltip";

/** The range's events against the previous period of the same length. */
export function Totals({ total, previousTotal }: { total: number; previousTotal: number }) {
  const { locale, t } = useI18n();
  return (
    <section className="totals" aria-label={t.dashboard.events}>
      <p className="totals-count">
        <span className="totals-number">{countLabel(total, locale)}</span> {t.dashboard.events}
      </p>
      <p className="muted">
        {t.dashboard.versusPrevious(
          countLabel(previousTotal, locale),
          changeLabel(change(total, previousTotal), locale),
        )}
      </p>
    </section>
  );
}
