/**
 * The words of a notification, in the project's language. Every channel shows the same message:
 * the first line names the code, where it surged and the diagnosis's top cause (the thing a
 * person on call needs before opening anything), the next lines the numbers behind it, the last
 * the link. Channels with their own markup (Slack mrkdwn, Feishu lark_md) render `details` and
 * `links` themselves; the others take `text` or `markdown`.
 */
import type { AlertMessage, IncidentSummary, Localised, MessageKind } from "./types";

export interface Link {
  label: string;
  url: string;
}

/** One detail line: an optional bold lead ("smartlife-android"), the text, an optional link. */
export interface MessageLine {
  lead?: string;
  text: string;
  link?: Link;
}

export interface RenderedMessage {
  language: "zh" | "en";
  /** The first line: kind, code, where, top cause. */
  title: string;
  /** The lines between the title and the links. */
  details: MessageLine[];
  /** The incident page (one incident), or the incident list (several). */
  links: Link[];
  /** Plain lines, title first, links last. */
  lines: string[];
  /** `lines` joined by newlines. */
  text: string;
  /** CommonMark: bold title, a list of details, the links. */
  markdown: string;
}

type Language = RenderedMessage["language"];

const pick = (text: Localised, language: Language) =>
  text[language] || text[language === "zh" ? "en" : "zh"];

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 3,400 */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? grouped.format(n) : "?";
}

/** Events per minute: whole numbers from 10 up, one decimal from 1, two significant digits below. */
export function formatRate(n: number): string {
  if (!Number.isFinite(n)) return "?";
  if (n >= 10) return grouped.format(Math.round(n));
  if (n >= 1) return String(Math.round(n * 10) / 10);
  if (n <= 0) return "0";
  return String(Number(n.toPrecision(2)));
}

/** The peak over the baseline, "30" or "2.5"; null when there was no baseline to compare with. */
export function formatRatio(peak: number, baseline: number): string | null {
  if (!(baseline > 0) || !Number.isFinite(peak)) return null;
  const ratio = peak / baseline;
  return ratio >= 10 ? grouped.format(Math.round(ratio)) : String(Math.round(ratio * 10) / 10);
}

/** "2026-05-01 10:02 UTC" from an ISO 8601 instant (the input unchanged when it is not one). */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

interface Phrases {
  brand: string;
  colon: string;
  kind: Record<MessageKind, string>;
  /** "50502 surge in X: cause", X a project's slug or a count of projects; code null: several. */
  surgeWithCause(code: number | null, where: Where, cause: string): string;
  surged(code: number | null, codeTitle: string | null, where: Where): string;
  share(count: number, of: number): string;
  peak(peak: string, baseline: string, ratio: string | null): string;
  volume(events: number, devices: number | null): string;
  since(startedAt: string): string;
  resolved(startedAt: string, resolvedAt: string): string;
  notAcknowledged(openedAt: string): string;
  test: string;
  noCause: string;
  context(incident: IncidentSummary, codeTitle: string | null): string;
  incidentLink: string;
  listLink: string;
  openLink: string;
  noIncidents: string;
}

type Where = { project: string } | { projects: number };

const EN: Phrases = {
  brand: "[codewatch] ",
  colon: ": ",
  kind: {
    open: "",
    refresh: "",
    reminder: "Still open, not acknowledged: ",
    resolve: "Resolved: ",
    test: "Test: ",
  },
  surgeWithCause: (code, where, cause) =>
    `${code === null ? "Surges" : `${code} surge`} in ${enWhere(where)}: ${cause}`,
  surged: (code, title, where) =>
    code === null
      ? `Surges in ${enWhere(where)}`
      : `${code}${title ? ` (${title})` : ""} surged in ${enWhere(where)}`,
  share: (count, of) => ` (${count} of ${of})`,
  peak: (peak, baseline, ratio) =>
    `Peak ${peak}/min vs baseline ${baseline}/min (${ratio === null ? "new" : `×${ratio}`})`,
  volume: (events, devices) =>
    `${formatCount(events)} ${events === 1 ? "event" : "events"}, ` +
    (devices === null
      ? "devices unknown (no device ids)"
      : `${formatCount(devices)} ${devices === 1 ? "device" : "devices"}`),
  since: (startedAt) => `Since ${startedAt}`,
  resolved: (startedAt, resolvedAt) => `Began ${startedAt}, resolved ${resolvedAt}`,
  notAcknowledged: (openedAt) => `Nobody has acknowledged it since it opened at ${openedAt}`,
  test: "This is a test message from codewatch: the channel works, nothing needs doing.",
  noCause: "No likely cause stands out yet (see the diagnosis on the incident page)",
  context: (i, title) =>
    `Project ${i.projectName}, rule "${i.ruleName}", code ${i.code}${title ? ` (${title})` : ""}`,
  incidentLink: "Incident",
  listLink: "All incidents",
  openLink: "open",
  noIncidents: "no incidents",
};

const enWhere = (where: Where) =>
  "project" in where ? where.project : `${where.projects} projects`;

const ZH: Phrases = {
  brand: "【codewatch】",
  colon: "：",
  kind: { open: "", refresh: "", reminder: "仍未确认：", resolve: "已恢复：", test: "测试：" },
  surgeWithCause: (code, where, cause) =>
    `${zhWhere(where)}${code === null ? "出现突增" : `的 ${code} 突增`}：${cause}`,
  surged: (code, title, where) =>
    code === null
      ? `${zhWhere(where)}出现突增`
      : `${zhWhere(where)}的 ${code}${title ? `（${title}）` : " "}突增`,
  share: (count, of) => `（${of} 个中的 ${count} 个）`,
  peak: (peak, baseline, ratio) =>
    `峰值 ${peak} 次/分钟，基线 ${baseline} 次/分钟（${ratio === null ? "此前没有" : `×${ratio}`}）`,
  volume: (events, devices) =>
    `事件 ${formatCount(events)} 次，` +
    (devices === null ? "设备数未知（事件没有设备 ID）" : `设备 ${formatCount(devices)} 台`),
  since: (startedAt) => `开始于 ${startedAt}`,
  resolved: (startedAt, resolvedAt) => `开始于 ${startedAt}，恢复于 ${resolvedAt}`,
  notAcknowledged: (openedAt) => `自 ${openedAt} 打开以来无人确认`,
  test: "这是 codewatch 的测试消息：渠道可用，无需处理。",
  noCause: "暂未找到明显的原因（见故障页面的诊断）",
  context: (i, title) =>
    `项目 ${i.projectName}，规则「${i.ruleName}」，错误码 ${i.code}${title ? `（${title}）` : ""}`,
  incidentLink: "故障详情",
  listLink: "全部故障",
  openLink: "查看",
  noIncidents: "没有故障",
};

// "smartlife-android 的 50502" but "3 个项目的 50502": a space only after a Latin slug.
const zhWhere = (where: Where) =>
  "project" in where ? `${where.project} ` : `${where.projects} 个项目`;

const PHRASES: Record<Language, Phrases> = { en: EN, zh: ZH };

/** The most frequent top cause among `incidents` (first seen wins a tie), with its count. */
function leadingCause(incidents: IncidentSummary[]) {
  const counts = new Map<string, { title: Localised; count: number }>();
  for (const { topCause } of incidents) {
    if (!topCause) continue;
    const entry = counts.get(topCause.id) ?? { title: topCause.title, count: 0 };
    entry.count += 1;
    counts.set(topCause.id, entry);
  }
  let best: { title: Localised; count: number } | null = null;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best;
}

function titleOf(message: AlertMessage, p: Phrases): string {
  const { incidents, language } = message;
  const prefix = p.brand + p.kind[message.kind];
  const first = incidents[0];
  if (!first) return prefix + p.noIncidents;
  const codes = new Set(incidents.map((i) => i.code));
  const code = codes.size === 1 ? first.code : null;
  if (incidents.length === 1) {
    const where = { project: first.projectSlug };
    return (
      prefix +
      (first.topCause
        ? p.surgeWithCause(code, where, pick(first.topCause.title, language))
        : p.surged(code, first.codeTitle && pick(first.codeTitle, language), where))
    );
  }
  const where = { projects: new Set(incidents.map((i) => i.projectSlug)).size };
  const cause = leadingCause(incidents);
  if (!cause) {
    const codeTitle = code !== null && first.codeTitle ? pick(first.codeTitle, language) : null;
    return prefix + p.surged(code, codeTitle, where);
  }
  const share = cause.count < incidents.length ? p.share(cause.count, incidents.length) : "";
  return prefix + p.surgeWithCause(code, where, pick(cause.title, language) + share);
}

function numbers(incident: IncidentSummary, p: Phrases): string[] {
  const started = formatTime(incident.startedAt);
  const rate = p.peak(
    formatRate(incident.peakPerMinute),
    formatRate(incident.baselinePerMinute),
    formatRatio(incident.peakPerMinute, incident.baselinePerMinute),
  );
  // A resolved incident says when it ended, whatever the kind of the message carrying it.
  const when = incident.resolvedAt
    ? p.resolved(started, formatTime(incident.resolvedAt))
    : p.since(started);
  return [rate, p.volume(incident.events, incident.devices), when];
}

function detailsOf(message: AlertMessage, p: Phrases): MessageLine[] {
  const { incidents, kind, language } = message;
  const lines: MessageLine[] = kind === "test" ? [{ text: p.test }] : [];
  const [first] = incidents;
  if (incidents.length === 1 && first) {
    lines.push(...numbers(first, p).map((text) => ({ text })));
    if (kind === "reminder") lines.push({ text: p.notAcknowledged(formatTime(first.openedAt)) });
    if (!first.topCause) lines.push({ text: p.noCause });
    const codeTitle = first.codeTitle && pick(first.codeTitle, language);
    lines.push({ text: p.context(first, codeTitle) });
    return lines;
  }
  for (const incident of incidents) {
    const cause = incident.topCause
      ? pick(incident.topCause.title, language)
      : incident.codeTitle
        ? pick(incident.codeTitle, language)
        : "";
    const head = `${incident.code}${cause ? ` ${cause}` : ""}`;
    // One sentence per project: "50502 Server certificate probably expired; peak 120/min ...".
    const rest = numbers(incident, p).map((part) =>
      language === "en" ? part.charAt(0).toLowerCase() + part.slice(1) : part,
    );
    lines.push({
      lead: incident.projectSlug,
      text: [head, ...rest].join(language === "zh" ? "；" : "; "),
      link: { label: p.openLink, url: incident.url },
    });
  }
  return lines;
}

function linksOf(message: AlertMessage, p: Phrases): Link[] {
  const [first] = message.incidents;
  if (!first) return [];
  if (message.incidents.length === 1) return [{ label: p.incidentLink, url: first.url }];
  return [{ label: p.listLink, url: joinUrl(message.baseUrl, "incidents") }];
}

/** `path` under `base`, whether or not `base` ends in a slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** A detail line as plain text: "lead: text url". */
export function plainLine(line: MessageLine, language: Language): string {
  const lead = line.lead ? line.lead + PHRASES[language].colon : "";
  return `${lead}${line.text}${line.link ? ` ${line.link.url}` : ""}`;
}

/** A detail line as markdown: "**lead**: text [label](url)". */
export function markdownLine(line: MessageLine, language: Language): string {
  const lead = line.lead ? `**${line.lead}**${PHRASES[language].colon}` : "";
  return `${lead}${line.text}${line.link ? ` ${markdownLink(line.link)}` : ""}`;
}

export const markdownLink = (link: Link) => `[${link.label}](${link.url})`;

/**
 * The message in its language: `title` (the first line), `details`, `links`, and the whole as
 * plain `lines`/`text` and as CommonMark `markdown`. `refresh` reads as `open` (it is the same
 * alert, re-sent).
 */
export function renderMessage(message: AlertMessage): RenderedMessage {
  const { language } = message;
  const p = PHRASES[language];
  const title = titleOf(message, p);
  const details = detailsOf(message, p);
  const links = linksOf(message, p);
  const lines = [
    title,
    ...details.map((line) => plainLine(line, language)),
    ...links.map((link) => `${link.label}${p.colon}${link.url}`),
  ];
  const markdown = [
    `**${title}**`,
    details.map((line) => `- ${markdownLine(line, language)}`).join("\n"),
    links.map(markdownLink).join(" · "),
  ]
    .filter(Boolean)
    .join("\n\n");
  return { language, title, details, links, lines, text: lines.join("\n"), markdown };
}
