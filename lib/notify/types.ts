/**
 * What a notification says and how it goes on the wire. lib/alerts decides what to send and when
 * (incidents, silences, grouping, retries); lib/notify turns one message into one HTTP request
 * for one channel and reads the channel's answer. Nothing here touches the database.
 */

export const CHANNEL_TYPES = [
  "webhook",
  "slack",
  "feishu",
  "dingtalk",
  "wecom",
  "alertmanager",
] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/**
 * Why a message is sent. `open`: an incident opened; `reminder`: still unacknowledged after the
 * reminder interval; `resolve`: it resolved; `refresh`: Alertmanager's periodic re-send of an
 * active alert (other channels never get one); `test`: the "send test" button.
 */
export type MessageKind = "open" | "reminder" | "resolve" | "refresh" | "test";

export interface Localised {
  zh: string;
  en: string;
}

/** One incident as a notification describes it. */
export interface IncidentSummary {
  id: string;
  /** Absolute URL of the incident page. */
  url: string;
  projectSlug: string;
  projectName: string;
  ruleName: string;
  code: number;
  /** The catalogue's short name of the code, or null for a code missing from the catalogue. */
  codeTitle: Localised | null;
  status: "open" | "acknowledged" | "resolved";
  /** ISO 8601: the surge's first minute; when codewatch opened the incident; when it resolved. */
  startedAt: string;
  openedAt: string;
  resolvedAt: string | null;
  /** Events per minute at the peak, and the baseline frozen when the incident opened. */
  peakPerMinute: number;
  baselinePerMinute: number;
  /** Events since the surge began. */
  events: number;
  /** Distinct devices (deviceId hashes) among them; null when most events carry no device id. */
  devices: number | null;
  /** The top hypothesis of the diagnosis (lib/diagnosis), or null when none is supported. */
  topCause: { id: string; title: Localised } | null;
}

export interface AlertMessage {
  kind: MessageKind;
  /** The project's language (Project.language): the whole text is in it. */
  language: "zh" | "en";
  /** At least one; several when one surge opened incidents in several projects (one message). */
  incidents: IncidentSummary[];
  /** codewatch's base URL, for links. */
  baseUrl: string;
}

/** A channel as the sender needs it: secrets already decrypted. */
export interface ChannelTarget {
  type: ChannelType;
  /** The endpoint (Slack/Feishu/DingTalk/WeCom hook URL, webhook URL, Alertmanager base URL). */
  url: string;
  /** The signing secret (webhook, Feishu, DingTalk), when the channel has one. */
  secret: string | null;
}

export interface OutgoingRequest {
  method: "POST";
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** How a channel answered: services that say 200 on failure (DingTalk, WeCom, Feishu) are read. */
export type DeliveryOutcome = { ok: true } | { ok: false; error: string; retryable: boolean };
