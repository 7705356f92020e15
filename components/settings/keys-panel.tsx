"use client";

import { useState } from "react";

import { useI18n } from "@/components/providers";
import { CopyButton } from "@/components/ui/copy-button";
import { TableScroll } from "@/components/ui/table-scroll";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/auth/constants";
import type { CreatedApiKeyDto } from "@/lib/projects/dto";

import { useCreateKey, useKeys, useRevokeKey } from "./api";
import { MutationError } from "./mutation-error";

/** Shows a new key once; it lives only in this component's state and is gone on "Done". */
function NewKey({ created, onDone }: { created: CreatedApiKeyDto; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <div className="new-key" role="status" aria-live="polite">
      <strong>{t.settings.newKeyTitle}</strong>
      <p>{t.settings.newKeyHelp}</p>
      <code data-testid="new-key">{created.key}</code>
      <CopyButton text={created.key} />{" "}
      <button type="button" className="button-primary" onClick={onDone}>
        {t.settings.dismiss}
      </button>
    </div>
  );
}

export function KeysPanel({ slug }: { slug: string }) {
  const { t, locale } = useI18n();
  const keys = useKeys(slug);
  const create = useCreateKey(slug);
  const revoke = useRevokeKey(slug);
  const [created, setCreated] = useState<CreatedApiKeyDto>();
  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", { timeZone: "UTC" }) +
        " UTC"
      : t.settings.never;

  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">{t.settings.keysOf(slug)}</h2>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const scopes = form.getAll("scope").map(String) as ApiKeyScope[];
          const name = String(form.get("name") || "") || undefined;
          create.mutate({ name, scopes }, { onSuccess: setCreated });
        }}
      >
        <label className="field">
          {t.settings.keyName}
          <input name="name" placeholder="android-prod" />
        </label>
        <fieldset className="field">
          <legend>{t.settings.scopes}</legend>
          {API_KEY_SCOPES.map((scope) => (
            // The hint describes the box instead of naming it: its name is the scope's alone.
            <div key={scope} className="scope-choice">
              <label>
                <input
                  type="checkbox"
                  name="scope"
                  value={scope}
                  defaultChecked={scope === "ingest"}
                  aria-describedby={`scope-hint-${scope}`}
                />{" "}
                {t.scopes[scope].name}
              </label>{" "}
              <span className="scope-hint" id={`scope-hint-${scope}`}>
                {t.scopes[scope].hint}
              </span>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button-primary">
          {t.settings.createKey}
        </button>
      </form>
      <MutationError error={create.error ?? revoke.error} />
      {created && <NewKey created={created} onDone={() => setCreated(undefined)} />}
      {keys.data?.keys.length === 0 && <p>{t.settings.noKeys}</p>}
      {keys.data && keys.data.keys.length > 0 && (
        <TableScroll label={t.settings.keysOf(slug)}>
          <table className="data-table">
            <caption className="visually-hidden">{t.settings.keysOf(slug)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.settings.keyName}</th>
                <th scope="col">{t.settings.prefix}</th>
                <th scope="col">{t.settings.scopes}</th>
                <th scope="col">{t.settings.created}</th>
                <th scope="col">{t.settings.lastUsed}</th>
                <th scope="col">{t.settings.status}</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.keys.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.displayPrefix}…</code>
                  </td>
                  <td>{t.scopes.list(key.scopes.map((scope) => t.scopes[scope].name))}</td>
                  <td>{when(key.createdAt)}</td>
                  <td>{when(key.lastUsedAt)}</td>
                  <td>
                    {key.revokedAt ? (
                      t.settings.revoked
                    ) : (
                      <button
                        type="button"
                        className="button-danger"
                        aria-label={`${t.settings.revoke} ${key.name}`}
                        onClick={() => revoke.mutate(key.id)}
                      >
                        {t.settings.revoke}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
