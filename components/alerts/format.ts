/**
 * Incidents in words and numbers, for lists, pages and the timeline: pure functions of an
 * incident (or a timeline line), the reader's messages, language and zone. Tested in
 * format.test.ts.
 */
import { defaultInterval } from "@/lib/charts/intervals";
import { countLabel, expectedLabel, instantLabel, intlLocale } from "@/lib/charts/labels";
import type { Interval } from "@/lib/charts/types";
import type { IncidentDto, TimelineEntry } from "@/lib/alerts/incident-reads";
import type { Locale, Messages } from "@/lib/i18n/messages";

const MINUTE = 60_000;
/** Minutes of the code's ordinary rate charted before an incident's start. */
export const LEAD_MINUTES = 30;
/** Minutes charted after a resolve: what "back to normal" looked like. */
export const TRAIL_MINUTES = 15;

type Words = Pick<Messages, "alerts">;

const shortFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant without its year, for lists: "Nov 30, 13:47" / "11月30日 13:47". */
export function shortInstantLabel(ms: number, timeZone: string, locale: Locale): string {
  const key = `${timeZone}|${locale}`;
  let format = shortFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), {
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
    });
    shortFormats.set(key, format);
  }
  return format.format(ms);
}

/** What the rule is called: a built-in rule by its name in the reader's language. */
export function ruleLabel(
  rule: IncidentDto["rule"] | { name: string; builtin: string | null },
  t: Words,
) {
  const names: Record<string, string> = t.alerts.builtinRule;
  return (rule.builtin && names[rule.builtin]) || rule.name;
}

/**
 * Whether to mark the incident's verdict: opened on a provisional one that the settled verdict
 * revised (a likely false alarm), or still waiting for it. Nothing once confirmed or when it
 * opened on a settled verdict.
 */
export function verdictMarker(incident: IncidentDto): "revised" | "provisional" | null {
  if (incident.openingVerdict !== "provisional") return null;
  if (incident.settledVerdict === "revised") return "revised";
  return incident.settledVerdict === null ? "provisional" : null;
}

/** "×30", "×2.5", or "new" when the baseline was zero. */
export function ratioLabel(peak: number, baseline: number, locale: Locale, t: Words): string {
  if (baseline <= 0) return t.alerts.ratioNew;
  const ratio = peak / baseline;
  return `×${expectedLabel(ratio >= 10 ? Math.round(ratio) : ratio, locale)}`;
}

/** "150/min vs baseline 1.2/min (×125)". */
export function peakLabel(incident: IncidentDto, locale: Locale, t: Words): string {
  return t.alerts.peakVsBaseline(
    countLabel(incident.peakPerMinute, locale),
    expectedLabel(incident.baselinePerMinute, locale),
    ratioLabel(incident.peakPerMinute, incident.baselinePerMinute, locale, t),
  );
}

export function devicesLabel(devices: number | null, locale: Locale, t: Words): string {
  return devices === null ? t.alerts.facts.devicesUnknown : countLabel(devices, locale);
}

/** From its start to its resolve, or to `nowMs` while it lasts. */
export function durationOf(incident: IncidentDto, nowMs: number): number {
  const end = incident.resolvedAt ? Date.parse(incident.resolvedAt) : nowMs;
  return Math.max(0, end - Date.parse(incident.startedAt));
}

/** "12 min", "3 h", "26 h 5 min" (whole minutes, at least one). */
export function durationLabel(ms: number, t: Words): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  if (minutes < 60) return t.alerts.minutes(minutes);
  return t.alerts.hoursMinutes(Math.floor(minutes / 60), minutes % 60);
}

/**
 * What the incident's chart covers: LEAD_MINUTES before its start (the ordinary rate) to
 * TRAIL_MINUTES after its resolve, or to the current minute while it lasts; at 1 minute when
 * that is at most 12 hours, coarser for a long one (the series API's limit is 2,000 buckets).
 */
export function incidentWindow(
  incident: Pick<IncidentDto, "startedAt" | "resolvedAt">,
  nowMs: number,
): { from: number; to: number; interval: Interval } {
  const from = Math.floor(Date.parse(incident.startedAt) / MINUTE) * MINUTE - LEAD_MINUTES * MINUTE;
  const now = Math.ceil((nowMs + 1) / MINUTE) * MINUTE;
  const end = incident.resolvedAt
    ? Math.ceil(Date.parse(incident.resolvedAt) / MINUTE) * MINUTE + TRAIL_MINUTES * MINUTE
    : now;
  const to = Math.max(from + MINUTE, Math.min(end, now));
  return { from, to, interval: defaultInterval({ from, to }) };
}

const num = (value: unknown) => (typeof value === "number" ? value : null);
const str = (value: unknown) => (typeof value === "string" ? value : null);

/**
 * One timeline line as a person reads it ("Acknowledged by ops@example.com", "Opening notice to
 * on-call (webhook) failed, attempt 2: HTTP 500; will retry"). The `detail` shapes are those
 * lib/alerts writes (incidents.ts, follow-up.ts, notifications.ts, delivery.ts); a kind it does
 * not know is shown by its name rather than hidden.
 */
export function timelineText(
  entry: TimelineEntry,
  context: { t: Words; locale: Locale; timeZone: string },
): string {
  const { t, locale, timeZone } = context;
  const w = t.alerts.timeline;
  const d = entry.detail ?? {};
  const count = (value: unknown) => {
    const n = num(value);
    return n === null ? "–" : countLabel(n, locale);
  };
  const rate = (value: unknown) => {
    const n = num(value);
    return n === null ? "–" : expectedLabel(n, locale);
  };
  const message = (kind: unknown) => {
    const names: Record<string, string> = t.alerts.messageKind;
    return names[str(kind) ?? ""] ?? str(kind) ?? "";
  };
  const channel = () => {
    const types: Record<string, string> = t.alerts.channelType;
    const type = str(d.type) ?? "";
    return [message(d.message), str(d.channel) ?? "", types[type] ?? type] as const;
  };
  switch (entry.kind) {
    case "opened": {
      const devices = num(d.devices);
      const size = w.size(
        count(d.peakPerMinute),
        rate(d.baselinePerMinute),
        count(d.events),
        devices === null ? w.devicesUnknown : w.devices(countLabel(devices, locale)),
      );
      const head =
        d.retrospective === true
          ? w.openedRetrospective
          : w.opened(d.verdict === "settled" ? w.verdict.settled : w.verdict.provisional);
      return w.withDetail(head, size);
    }
    case "peak":
      return w.peak(count(d.peakPerMinute), rate(d.baselinePerMinute));
    case "acknowledged":
      return w.acknowledged(entry.actor ?? t.alerts.detail.system);
    case "notified":
    case "notify-failed": {
      const head =
        entry.kind === "notified" ? w.notified(...channel()) : w.notifyFailed(...channel());
      const parts = [w.attempt(num(d.attempt) ?? 1)];
      const status = num(d.httpStatus) === null ? null : `HTTP ${num(d.httpStatus)}`;
      const error = entry.kind === "notify-failed" ? str(d.error) : null;
      // The channel's error usually starts with the status already ("HTTP 500: upstream down").
      if (status && !error?.includes(status)) parts.push(status);
      if (error) parts.push(error);
      if (entry.kind === "notify-failed") parts.push(d.willRetry === true ? w.willRetry : w.gaveUp);
      return w.withDetail(head, parts.join(w.separator));
    }
    case "silenced":
      return w.silenced(message(d.notification), str(d.comment) ?? "");
    case "grouped": {
      const sent = str(d.sentAt);
      return sent
        ? `${w.grouped} (${instantLabel(Date.parse(sent), timeZone, locale)})`
        : w.grouped;
    }
    case "settled":
      return d.verdict === "revised" ? w.settledRevised : w.settledConfirmed;
    case "resolved":
      if (entry.actor) return w.resolvedBy(entry.actor);
      if (d.by === "quiet") return w.resolvedQuiet(count(d.minutes));
      if (d.by === "retrospective") return w.resolvedRetrospective;
      return w.resolvedBy(t.alerts.detail.system);
    default:
      return w.other(entry.kind);
  }
}
