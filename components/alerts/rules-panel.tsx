"use client";

import { QueryState } from "@/components/dashboard/query-state";
import { MutationError } from "@/components/settings/mutation-error";
import { useI18n } from "@/components/providers";
import { TableScroll } from "@/components/ui/table-scroll";
import type { RuleDto } from "@/lib/alerts/rules";
import type { Role } from "@/lib/auth/constants";
import { countLabel, shareLabel } from "@/lib/charts/labels";

import { useDeleteRule, useRules, useUpdateRule } from "./api";
import { ruleLabel } from "./format";
import { canOperate } from "./roles";
import { RuleForm } from "./rule-form";

/**
 * A project's alert rules: what each watches, its floors, cooldown and reminder, a switch to
 * enable or disable it, and delete (not for built-in rules: those are disabled instead). Ops
 * and admins change them and add new ones; support reads.
 */
export function RulesPanel(props: { project: string; role: Role }) {
  const { locale, t } = useI18n();
  const rules = useRules(props.project);
  const update = useUpdateRule(props.project);
  const remove = useDeleteRule(props.project);
  const editable = canOperate(props.role);
  const w = t.alerts.ruleList;
  const families: Record<string, string> = t.family;

  const watches = (rule: RuleDto) =>
    rule.code !== null
      ? w.watchesCode(String(rule.code))
      : rule.family !== null
        ? w.watchesFamily(families[rule.family] ?? rule.family)
        : w.watchesAll;
  const floors = (rule: RuleDto) => {
    const window = t.alerts.minutes(rule.windowMinutes);
    if (rule.kind === "threshold" && rule.threshold !== null) {
      const level =
        rule.metric === "share"
          ? w.thresholdShare(shareLabel(rule.threshold), window)
          : w.thresholdCount(countLabel(rule.threshold, locale), window);
      return `${level}${t.alerts.timeline.separator}${w.floorsOf(countLabel(rule.minEvents, locale), countLabel(rule.minDevices, locale))}`;
    }
    return w.floorsOf(countLabel(rule.minEvents, locale), countLabel(rule.minDevices, locale));
  };

  return (
    <>
      {!editable && <p className="muted">{t.alerts.readOnly}</p>}
      <section className="panel" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t.alerts.rules}</h2>
        <QueryState
          what={t.alerts.rules}
          isPending={rules.isPending}
          error={rules.error}
          retry={() => void rules.refetch()}
        >
          {rules.data && rules.data.rules.length === 0 && <p>{w.none}</p>}
          {rules.data && rules.data.rules.length > 0 && (
            <TableScroll label={t.alerts.rules}>
              <table className="data-table rules-table">
                <caption className="visually-hidden">{t.alerts.rules}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w.name}</th>
                    <th scope="col">{w.kind}</th>
                    <th scope="col">{w.watches}</th>
                    <th scope="col">{w.floors}</th>
                    <th scope="col">{w.cooldown}</th>
                    <th scope="col">{w.reminder}</th>
                    <th scope="col">{w.enabled}</th>
                    {editable && <th scope="col">{w.actions}</th>}
                  </tr>
                </thead>
                <tbody>
                  {rules.data.rules.map((rule) => {
                    const name = ruleLabel(rule, t);
                    return (
                      <tr key={rule.id}>
                        <th scope="row">
                          {name}
                          {rule.builtin && <span className="badge">{w.builtin}</span>}
                        </th>
                        <td>{t.alerts.ruleKind[rule.kind]}</td>
                        <td>{watches(rule)}</td>
                        <td className="rule-floors">{floors(rule)}</td>
                        <td className="nowrap">{t.alerts.minutes(rule.cooldownMinutes)}</td>
                        <td className="nowrap">{t.alerts.minutes(rule.reminderMinutes)}</td>
                        <td>
                          <label className="rule-switch">
                            <input
                              type="checkbox"
                              role="switch"
                              checked={rule.enabled}
                              disabled={!editable || update.isPending}
                              aria-label={w.enable(name)}
                              onChange={(e) =>
                                update.mutate({ id: rule.id, enabled: e.target.checked })
                              }
                            />
                            <span aria-hidden="true">{rule.enabled ? w.on : w.off}</span>
                          </label>
                        </td>
                        {editable && (
                          <td>
                            <button
                              type="button"
                              className="button-danger"
                              disabled={rule.builtin !== null || remove.isPending}
                              aria-label={w.deleteRule(name)}
                              aria-describedby={rule.builtin ? "builtin-help" : undefined}
                              onClick={() => remove.mutate(rule.id)}
                            >
                              {w.delete}
                            </button>
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          )}
          {editable && (
            <p id="builtin-help" className="muted">
              {w.builtinHelp}
            </p>
          )}
          <MutationError error={update.error ?? remove.error} />
        </QueryState>
      </section>
      {editable && <RuleForm project={props.project} />}
    </>
  );
}
