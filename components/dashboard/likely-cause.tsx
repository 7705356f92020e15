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
        {diagnosis.data && <Hypotheses diagnosis={diagnosis.data} />}
      </QueryState>
    </section>
  );
}

/**
 * Ranked hypotheses, each with its evidence lines: what carries the excess against its share in
 * the baseline (shared by this panel and the incident page). `detailed` adds each line's share
 * of all the surge's events beside its baseline share.
 */
export function Hypotheses(props: {
  diagnosis: Pick<DiagnosisDto, "hypotheses">;
  detailed?: boolean;
}) {
  const { locale, t } = useI18n();
  const label = (line: Line) => {
    if (line.what.startsWith("signal:")) {
      return t.dashboard.signals[line.what.slice(7) as keyof typeof t.dashboard.signals];
    }
    if (line.what === "devices") return t.dashboard.affectedDevices(line.value);
    // `onset` (a step, a ramp) arrives with the onset work in lib/diagnosis; compared as a
    // string so this reads either way.
    if ((line.what as string) === "onset") {
      const shapes: Record<string, string> = t.alerts.onset;
      return shapes[line.value] ?? line.value;
    }
    const dimension = t.dashboard.dimensions[line.what as keyof typeof t.dashboard.dimensions];
    return `${dimension ?? line.what}: ${line.value}`;
  };
  if (props.diagnosis.hypotheses.length === 0) return <p>{t.dashboard.noCause}</p>;
  return (
    <ol className="hypotheses">
      {props.diagnosis.hypotheses.map((hypothesis) => (
        <li key={hypothesis.id}>
          <strong>{hypothesis.title[locale]}</strong>{" "}
          <span className="muted">{shareLabel(hypothesis.score)}</span>
          <ul>
            {hypothesis.evidence.map((line) => (
              <li key={`${line.what}-${line.value}`}>
                {label(line)}
                {/* A count or a shape: a fact about the whole surge, not a share of it. */}
                {line.what === "devices" || (line.what as string) === "onset" ? (
                  ""
                ) : (
                  <>
                    :{" "}
                    {t.dashboard.ofExcess(
                      shareLabel(line.excessShare),
                      shareLabel(line.baselineShare),
                    )}
                    {props.detailed && (
                      <span className="muted">
                        {" · "}
                        {t.alerts.detail.evidenceNow(shareLabel(line.share))}
                      </span>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
