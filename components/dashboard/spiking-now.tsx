"use client";

import Link from "next/link";

import { useI18n } from "@/components/providers";
import { expectedLabel, instantLabel } from "@/lib/charts/labels";
import type { CodeSummaryDto } from "@/lib/catalog/dto";
import type { SpikeDto } from "@/lib/stats/dto";

import { useDiagnosis } from "./queries";

/**
 * The codes spiking now: each code whose latest minutes are a spike, provisional verdicts
 * included and marked (a surge shows within a minute, before it is settled), since when, its
 * busiest minute against the expected count, its likely cause, one click to its page.
 */
export function SpikingNow(props: {
  spikes: SpikeDto[];
  catalogue: Map<number, CodeSummaryDto>;
  timeZone: string;
  project: string;
}) {
  const { locale, t } = useI18n();
  const ongoing = props.spikes.filter((s) => s.ongoing);
  return (
    <section className="spiking-now" aria-labelledby="spiking-now-heading">
      <h2 id="spiking-now-heading">{t.dashboard.spikingNow}</h2>
      {ongoing.length === 0 ? (
        <p className="muted">{t.dashboard.noSpikesNow}</p>
      ) : (
        <ul>
          {ongoing.map((spike) => {
            const entry = props.catalogue.get(spike.code);
            return (
              <li key={`${spike.code}-${spike.start}`}>
                <Link
                  prefetch={false}
                  className="spike-card"
                  href={`/codes/${spike.code}?project=${encodeURIComponent(props.project)}&range=1h`}
                >
                  <span className="code-number">{spike.code}</span>
                  <span className="spike-title">
                    {entry?.known ? entry.title[locale] : t.codes.unknownCode}
                  </span>
                  <span className="spike-meta">
                    {t.dashboard.since(
                      instantLabel(Date.parse(spike.start), props.timeZone, locale),
                    )}
                    {" · "}
                    {t.dashboard.perMinute(
                      String(spike.peakPerMinute),
                      expectedLabel(spike.expectedPerMinute, locale),
                    )}
                  </span>
                  <TopCause project={props.project} spike={spike} />
                  {spike.verdict === "provisional" && (
                    <span className="badge badge-provisional" title={t.dashboard.provisionalHelp}>
                      {t.dashboard.provisional}
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The spike's most likely cause, in a line (nothing while it loads or when none stands out). */
function TopCause(props: { project: string; spike: SpikeDto }) {
  const { locale, t } = useI18n();
  const diagnosis = useDiagnosis(props.project, props.spike.code, props.spike);
  const top = diagnosis.data?.hypotheses[0];
  if (!top) return null;
  return <span className="spike-cause">{t.dashboard.probableCause(top.title[locale])}</span>;
}
