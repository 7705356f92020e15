"use client";

import { useI18n } from "@/components/providers";
import { instantLabel, shareLabel } from "@/lib/charts/labels";
import type { DiagnosisDto, SpikeDto } from "@/lib/stats/dto";

import { useDiagnosis } from "./queries";
import { QueryState } from "./query-state";

type Line = DiagnosisDto["hypotheses"][number]["evidence"][number];

/**
 * The likely causes of a code's latest spike (docs/diagnosis.md), ranked, each with the evidence:
 * which value or signal carries the excess, against its share in the baseline. What on-call
 * reads first: "server certificate probably expired", not "50502 is high".
 */
export function LikelyCause(props: {
  project: string;
  code: number;
  spike: SpikeDto;
  timeZone: string;
}) {
  const { locale, t } = useI18n();
  const diagnosis = useDiagnosis(props.project, props.code, props.spike);
  const label = (line: Line) => {
    if (line.what.startsWith("signal:")) {
      return t.dashboard.signals[line.what.slice(7) as keyof typeof t.dashboard.signals];
    }
    if (line.what === "devices") return t.dashboard.affectedDevices(line.value);
    const dimension = t.dashboard.dimensions[line.what as keyof typeof t.dashboard.dimensions];
    return `${dimension ?? line.what}: ${line.value}`;
  };
  return (
    <section className="panel likely-cause" aria-labelledby="likely-cause-heading">
      <h2 id="likely-cause-heading">{t.dashboard.likelyCause}</h2>
      <p className="muted">
        {t.dashboard.causeOfSpike(
          instantLabel(Date.parse(props.spike.start), props.timeZone, locale),
        )}
      </p>
      <QueryState
        what={t.dashboard.likelyCause}
        isPending={diagnosis.isPending}
        error={diagnosis.error}
        retry={() => void diagnosis.refetch()}
        skeletonHeight={80}
      >
        {diagnosis.data &&
          (diagnosis.data.hypotheses.length === 0 ? (
            <p>{t.dashboard.noCause}</p>
          ) : (
            <ol className="hypotheses">
              {diagnosis.data.hypotheses.map((hypothesis) => (
                <li key={hypothesis.id}>
                  <strong>{hypothesis.title[locale]}</strong>{" "}
                  <span className="muted">{shareLabel(hypothesis.score)}</span>
                  <ul>
                    {hypothesis.evidence.map((line) => (
                      <li key={`${line.what}-${line.value}`}>
                        {label(line)}:{" "}
                        {line.what === "devices"
                          ? ""
                          : t.dashboard.ofExcess(
                              shareLabel(line.excessShare),
                              shareLabel(line.baselineShare),
                            )}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          ))}
      </QueryState>
    </section>
  );
}
