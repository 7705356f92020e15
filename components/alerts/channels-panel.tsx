"use client";

import { useState } from "react";

import { QueryState } from "@/components/dashboard/query-state";
import { MutationError } from "@/components/settings/mutation-error";
import { useI18n } from "@/components/providers";
import { TableScroll } from "@/components/ui/table-scroll";
import type { ChannelDto } from "@/lib/alerts/channels";
import { CHANNEL_TYPES, type ChannelType } from "@/lib/notify/types";

import {
  useChannels,
  useCreateChannel,
  useDeleteChannel,
  useTestChannel,
  type ChannelTestResult,
} from "./api";

/**
 * Notification channels (admins): those of the project and those of every project, with the
 * URL masked as the server stores it for display; send a test and see what the channel said,
 * delete, or add one (its URL and secret are sent once and never shown again).
 */
export function ChannelsPanel({ project }: { project: string }) {
  const { t } = useI18n();
  const channels = useChannels(project, true);
  const remove = useDeleteChannel(project);
  const test = useTestChannel();
  const [results, setResults] = useState<Record<string, ChannelTestResult>>({});
  const w = t.alerts.channelList;
  const list = channels.data?.channels ?? [];
  const outcome = (channel: ChannelDto) => {
    const result = results[channel.id];
    if (!result) return null;
    const status = result.httpStatus === null ? "–" : `HTTP ${result.httpStatus}`;
    return result.ok
      ? w.testOk(channel.name, status)
      : w.testFailed(channel.name, result.error ?? status);
  };
  return (
    <>
      <p className="muted">{w.intro}</p>
      <section className="panel" aria-labelledby="channels-heading">
        <h2 id="channels-heading">{t.alerts.channels}</h2>
        <QueryState
          what={t.alerts.channels}
          isPending={channels.isPending}
          error={channels.error}
          retry={() => void channels.refetch()}
        >
          {list.length === 0 ? (
            <p className="muted">{w.none}</p>
          ) : (
            <TableScroll label={t.alerts.channels}>
              <table className="data-table">
                <caption className="visually-hidden">{t.alerts.channels}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w.name}</th>
                    <th scope="col">{w.type}</th>
                    <th scope="col">{w.url}</th>
                    <th scope="col">{w.scope}</th>
                    <th scope="col">{w.secret}</th>
                    <th scope="col">{w.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((channel) => (
                    <tr key={channel.id}>
                      <th scope="row">{channel.name}</th>
                      <td>{t.alerts.channelType[channel.type]}</td>
                      <td>
                        <code className="channel-url">{channel.url}</code>
                      </td>
                      <td>{channel.project ?? w.everyProject}</td>
                      <td>{channel.hasSecret ? w.secretSet : w.secretNone}</td>
                      <td className="row-actions">
                        <button
                          type="button"
                          className="button-quiet"
                          disabled={test.isPending}
                          aria-label={w.sendTestTo(channel.name)}
                          onClick={() =>
                            test.mutate(channel.id, {
                              onSuccess: (result) =>
                                setResults((r) => ({ ...r, [channel.id]: result })),
                            })
                          }
                        >
                          {test.isPending && test.variables === channel.id ? w.sending : w.sendTest}
                        </button>{" "}
                        <button
                          type="button"
                          className="button-danger"
                          disabled={remove.isPending}
                          aria-label={w.deleteChannel(channel.name)}
                          onClick={() => remove.mutate(channel.id)}
                        >
                          {w.delete}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <div role="status" className="channel-test-results">
            {list.map((channel) => {
              const text = outcome(channel);
              if (!text) return null;
              return (
                <p key={channel.id} className={results[channel.id]!.ok ? "test-ok" : "form-error"}>
                  {text}
                </p>
              );
            })}
          </div>
          <MutationError error={remove.error ?? test.error} />
        </QueryState>
      </section>
      <ChannelForm project={project} />
    </>
  );
}

function ChannelForm({ project }: { project: string }) {
  const { t } = useI18n();
  const create = useCreateChannel(project);
  const [added, setAdded] = useState<string>();
  const f = t.alerts.channelForm;
  return (
    <section className="panel" aria-labelledby="new-channel-heading">
      <h2 id="new-channel-heading">{f.title}</h2>
      <form
        className="alert-form"
        aria-labelledby="new-channel-heading"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          const secret = String(data.get("secret") ?? "");
          setAdded(undefined);
          create.mutate(
            {
              ...(data.get("scope") === "project" ? { project } : {}),
              name: String(data.get("name") ?? ""),
              type: String(data.get("type")) as ChannelType,
              url: String(data.get("url") ?? ""),
              ...(secret ? { secret } : {}),
            },
            {
              onSuccess: (channel) => {
                setAdded(channel.name);
                form.reset();
              },
            },
          );
        }}
      >
        <div className="form-row">
          <label className="field">
            {f.type}
            <select name="type" defaultValue="webhook">
              {CHANNEL_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t.alerts.channelType[type]}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-grow">
            {f.name}
            <input name="name" required maxLength={128} placeholder={f.namePlaceholder} />
          </label>
        </div>
        <div className="form-row">
          <label className="field field-grow">
            {f.url}
            <input
              name="url"
              type="url"
              required
              maxLength={2000}
              autoComplete="off"
              spellCheck={false}
              placeholder="https://"
            />
          </label>
          <label className="field">
            {f.secret}
            <input
              name="secret"
              type="password"
              maxLength={512}
              autoComplete="off"
              aria-describedby="channel-secret-help"
            />
          </label>
        </div>
        <p id="channel-secret-help" className="muted form-help">
          {f.secretHelp}
        </p>
        <fieldset className="field choice-group">
          <legend>{f.scope}</legend>
          <label>
            <input type="radio" name="scope" value="project" defaultChecked />{" "}
            {f.thisProject(project)}
          </label>
          <label>
            <input type="radio" name="scope" value="every" /> {f.everyProject}
          </label>
        </fieldset>
        <div className="form-row">
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {f.submit}
          </button>
          {added && (
            <span role="status" className="muted">
              {f.added(added)}
            </span>
          )}
        </div>
        <MutationError error={create.error} />
      </form>
    </section>
  );
}
