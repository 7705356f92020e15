"use client";

import { useState } from "react";

import { QueryState } from "@/components/dashboard/query-state";
import { MutationError } from "@/components/settings/mutation-error";
import { useI18n } from "@/components/providers";
import { TableScroll } from "@/components/ui/table-scroll";
import type { SilenceDto } from "@/lib/alerts/silences";
import type { Role } from "@/lib/auth/constants";
import { instantLabel } from "@/lib/charts/labels";

import { useCreateSilence, useEndSilence, useRules, useSilences } from "./api";
import { ruleLabel } from "./format";
import { canOperate } from "./roles";

const PRESETS = { "1h": 1, "4h": 4, "24h": 24 } as const;
type Lasts = keyof typeof PRESETS | "custom";
/** Ended silences listed (the newest); the API keeps them all. */
const ENDED_SHOWN = 20;

/** `datetime-local` value of an instant in the viewer's zone (the input has no zone of its own). */
function localInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * Silences that reach the project (its own and those of every project): active ones with "end
 * now", then those that ended; and, for ops and admins, a new silence with its matchers, a
 * comment and how long it lasts (1, 4 or 24 hours, or until a chosen time).
 */
export function SilencesPanel(props: { project: string; role: Role; timeZone: string }) {
  const { t } = useI18n();
  const silences = useSilences(props.project);
  const rules = useRules(props.project);
  const end = useEndSilence(props.project);
  const editable = canOperate(props.role);
  const w = t.alerts.silenceList;
  const ruleNames = new Map(rules.data?.rules.map((r) => [r.id, ruleLabel(r, t)]) ?? []);
  const all = silences.data?.silences ?? [];
  const active = all.filter((s) => s.active);
  const ended = all.filter((s) => !s.active).slice(0, ENDED_SHOWN);
  return (
    <>
      <p className="muted">{w.intro}</p>
      {!editable && <p className="muted">{t.alerts.readOnly}</p>}
      <QueryState
        what={t.alerts.silences}
        isPending={silences.isPending}
        error={silences.error}
        retry={() => void silences.refetch()}
      >
        <SilenceTable
          id="active-silences"
          title={w.active}
          empty={w.noneActive}
          silences={active}
          ruleNames={ruleNames}
          timeZone={props.timeZone}
          onEnd={editable ? (id) => end.mutate(id) : undefined}
          ending={end.isPending}
        />
        <MutationError error={end.error} />
        {editable && <SilenceForm project={props.project} rules={rules.data?.rules ?? []} />}
        <SilenceTable
          id="ended-silences"
          title={w.ended}
          empty={w.noneEnded}
          silences={ended}
          ruleNames={ruleNames}
          timeZone={props.timeZone}
        />
      </QueryState>
    </>
  );
}

function SilenceTable(props: {
  id: string;
  title: string;
  empty: string;
  silences: SilenceDto[];
  ruleNames: Map<string, string>;
  timeZone: string;
  onEnd?: (id: string) => void;
  ending?: boolean;
}) {
  const { locale, t } = useI18n();
  const w = t.alerts.silenceList;
  const when = (iso: string) => instantLabel(Date.parse(iso), props.timeZone, locale);
  const matches = (s: SilenceDto) =>
    [
      s.project ? w.projectIs(s.project) : w.anyProject,
      s.code !== null ? w.codeIs(String(s.code)) : w.anyCode,
      s.ruleId ? w.ruleIs(props.ruleNames.get(s.ruleId) ?? s.ruleId.slice(0, 8)) : w.anyRule,
    ].join(t.alerts.timeline.separator);
  const headingId = `${props.id}-heading`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.title}</h2>
      {props.silences.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <TableScroll label={props.title}>
          <table className="data-table">
            <caption className="visually-hidden">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{w.comment}</th>
                <th scope="col">{w.matches}</th>
                <th scope="col">{w.createdBy}</th>
                <th scope="col">{w.starts}</th>
                <th scope="col">{w.ends}</th>
                {props.onEnd && <th scope="col">{t.alerts.ruleList.actions}</th>}
              </tr>
            </thead>
            <tbody>
              {props.silences.map((s) => (
                <tr key={s.id}>
                  <th scope="row" className="silence-comment">
                    {s.comment}
                  </th>
                  <td>{matches(s)}</td>
                  <td>{s.createdBy}</td>
                  <td className="nowrap">{when(s.startsAt)}</td>
                  <td className="nowrap">{when(s.endsAt)}</td>
                  {props.onEnd && (
                    <td>
                      <button
                        type="button"
                        className="button-danger"
                        disabled={props.ending}
                        aria-label={w.endSilence(s.comment)}
                        onClick={() => props.onEnd!(s.id)}
                      >
                        {w.endNow}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function SilenceForm(props: {
  project: string;
  rules: { id: string; name: string; builtin: string | null }[];
}) {
  const { t } = useI18n();
  const create = useCreateSilence(props.project);
  const [lasts, setLasts] = useState<Lasts>("1h");
  const [until, setUntil] = useState("");
  const [done, setDone] = useState(false);
  const f = t.alerts.silenceForm;
  return (
    <section className="panel" aria-labelledby="new-silence-heading">
      <h2 id="new-silence-heading">{f.title}</h2>
      <form
        className="alert-form"
        aria-labelledby="new-silence-heading"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          const code = String(data.get("code") ?? "").trim();
          const rule = String(data.get("ruleId") ?? "");
          const endsAt =
            lasts === "custom"
              ? new Date(until).toISOString()
              : new Date(Date.now() + PRESETS[lasts] * 3_600_000).toISOString();
          setDone(false);
          create.mutate(
            {
              ...(data.get("scope") === "every" ? {} : { project: props.project }),
              ...(code ? { code: Number(code) } : {}),
              ...(rule ? { ruleId: rule } : {}),
              comment: String(data.get("comment") ?? ""),
              endsAt,
            },
            {
              onSuccess: () => {
                setDone(true);
                form.reset();
                setLasts("1h");
              },
            },
          );
        }}
      >
        <div className="form-row">
          <fieldset className="field choice-group">
            <legend>{f.scope}</legend>
            <label>
              <input type="radio" name="scope" value="project" defaultChecked />{" "}
              {f.thisProject(props.project)}
            </label>
            <label>
              <input type="radio" name="scope" value="every" /> {f.everyProject}
            </label>
          </fieldset>
          <label className="field">
            {f.code}
            <input name="code" type="number" min={0} inputMode="numeric" />
          </label>
          <label className="field">
            {f.rule}
            <select name="ruleId" defaultValue="">
              <option value="">{f.anyRule}</option>
              {props.rules.map((rule) => (
                <option key={rule.id} value={rule.id}>
                  {ruleLabel(rule, t)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="form-row">
          <label className="field field-grow">
            {f.comment}
            <input name="comment" required maxLength={500} placeholder={f.commentPlaceholder} />
          </label>
        </div>
        <div className="form-row">
          <div className="field">
            <span id="silence-lasts">{f.lasts}</span>
            <div className="segmented" role="group" aria-labelledby="silence-lasts">
              {(["1h", "4h", "24h", "custom"] as const).map((choice) => (
                <button
                  key={choice}
                  type="button"
                  aria-pressed={lasts === choice}
                  onClick={() => {
                    setLasts(choice);
                    if (choice === "custom" && !until) {
                      setUntil(localInput(Date.now() + 2 * 3_600_000));
                    }
                  }}
                >
                  {f.presets[choice]}
                </button>
              ))}
            </div>
          </div>
          {lasts === "custom" && (
            <label className="field">
              {f.until}
              <input
                type="datetime-local"
                required
                value={until}
                onChange={(e) => setUntil(e.target.value)}
              />
            </label>
          )}
        </div>
        <div className="form-row">
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {f.submit}
          </button>
          {done && (
            <span role="status" className="muted">
              {f.created}
            </span>
          )}
        </div>
        <MutationError error={create.error} />
      </form>
    </section>
  );
}
