"use client";

import { useState } from "react";

import { MutationError } from "@/components/settings/mutation-error";
import { useI18n } from "@/components/providers";
import { CODE_FAMILIES } from "@/lib/catalog/types";

import { useCreateRule, type CreateRuleInput } from "./api";

/** A whole number from a form field, or undefined when it is empty (the server's default). */
function whole(value: FormDataEntryValue | null): number | undefined {
  const text = String(value ?? "").trim();
  return text === "" ? undefined : Number(text);
}

/**
 * A new anomaly or threshold rule for the project: what it watches (one code or a family),
 * a threshold's measure, level and window, the floors an incident needs (excess events,
 * devices), the quiet after a resolve and the reminder interval. The server checks it
 * (createRuleBody) and answers each wrong field.
 */
export function RuleForm({ project }: { project: string }) {
  const { t } = useI18n();
  const create = useCreateRule(project);
  const [kind, setKind] = useState<"anomaly" | "threshold">("anomaly");
  const [target, setTarget] = useState<"code" | "family">("code");
  const [created, setCreated] = useState<string>();
  const f = t.alerts.ruleForm;
  return (
    <section className="panel" aria-labelledby="new-rule-heading">
      <h2 id="new-rule-heading">{f.title}</h2>
      <form
        className="alert-form"
        aria-labelledby="new-rule-heading"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          const input: CreateRuleInput = {
            project,
            kind,
            name: String(data.get("name") ?? ""),
            ...(target === "code"
              ? { code: whole(data.get("code")) }
              : { family: String(data.get("family")) as CreateRuleInput["family"] }),
            ...(kind === "threshold"
              ? {
                  metric: data.get("metric") === "share" ? "share" : "count",
                  threshold: Number(data.get("threshold")),
                  windowMinutes: whole(data.get("windowMinutes")),
                }
              : {}),
            minEvents: whole(data.get("minEvents")),
            minDevices: whole(data.get("minDevices")),
            cooldownMinutes: whole(data.get("cooldownMinutes")),
            reminderMinutes: whole(data.get("reminderMinutes")),
          };
          setCreated(undefined);
          create.mutate(input, {
            onSuccess: (rule) => {
              setCreated(rule.name);
              form.reset();
            },
          });
        }}
      >
        <div className="form-row">
          <label className="field field-grow">
            {f.name}
            <input name="name" required maxLength={128} placeholder={f.namePlaceholder} />
          </label>
          <label className="field">
            {f.kind}
            <select
              value={kind}
              onChange={(e) => setKind(e.target.value === "threshold" ? "threshold" : "anomaly")}
              aria-describedby="rule-kind-help"
            >
              <option value="anomaly">{t.alerts.ruleKind.anomaly}</option>
              <option value="threshold">{t.alerts.ruleKind.threshold}</option>
            </select>
          </label>
        </div>
        <p id="rule-kind-help" className="muted form-help">
          {f.kindHelp[kind]}
        </p>
        <div className="form-row">
          <fieldset className="field choice-group">
            <legend>{f.target}</legend>
            <label>
              <input
                type="radio"
                name="target"
                checked={target === "code"}
                onChange={() => setTarget("code")}
              />{" "}
              {f.targetCode}
            </label>
            <label>
              <input
                type="radio"
                name="target"
                checked={target === "family"}
                onChange={() => setTarget("family")}
              />{" "}
              {f.targetFamily}
            </label>
          </fieldset>
          {target === "code" ? (
            <label className="field">
              {f.code}
              <input name="code" type="number" min={0} required inputMode="numeric" />
            </label>
          ) : (
            <label className="field">
              {f.family}
              <select name="family" defaultValue={CODE_FAMILIES[0]}>
                {CODE_FAMILIES.map((family) => (
                  <option key={family} value={family}>
                    {t.family[family]}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {kind === "threshold" && (
          <div className="form-row">
            <label className="field">
              {f.metric}
              <select name="metric" defaultValue="count">
                <option value="count">{f.metricCount}</option>
                <option value="share">{f.metricShare}</option>
              </select>
            </label>
            <label className="field">
              {f.threshold}
              <input
                name="threshold"
                type="number"
                min={0}
                step="any"
                required
                aria-describedby="rule-threshold-help"
              />
            </label>
            <label className="field">
              {f.window}
              <input name="windowMinutes" type="number" min={1} max={1440} defaultValue={5} />
            </label>
            <p id="rule-threshold-help" className="muted form-help">
              {f.thresholdHelp}
            </p>
          </div>
        )}
        <div className="form-row">
          <label className="field">
            {f.minEvents}
            <input name="minEvents" type="number" min={0} defaultValue={10} />
          </label>
          <label className="field">
            {f.minDevices}
            <input name="minDevices" type="number" min={0} defaultValue={10} />
          </label>
          <label className="field">
            {f.cooldown}
            <input name="cooldownMinutes" type="number" min={0} max={10080} defaultValue={15} />
          </label>
          <label className="field">
            {f.reminder}
            <input name="reminderMinutes" type="number" min={1} max={10080} defaultValue={60} />
          </label>
        </div>
        <div className="form-row">
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {f.submit}
          </button>
          {created && (
            <span role="status" className="muted">
              {f.created(created)}
            </span>
          )}
        </div>
        <MutationError error={create.error} />
      </form>
    </section>
  );
}
