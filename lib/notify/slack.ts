/**
 * Slack incoming webhooks (Slack API docs, "Sending messages using incoming webhooks"): a JSON
 * body of `text` and Block Kit `blocks`; Slack answers 200 with the body `ok`, or an error status
 * with a short error name (`invalid_payload`, `channel_not_found`, ...).
 */
import { type Link, type MessageLine, renderMessage } from "./message";
import { httpOutcome } from "./outcome";
import { chars, fitLines, truncate } from "./truncate";
import type { AlertMessage, ChannelTarget, DeliveryOutcome, OutgoingRequest } from "./types";

/** Block Kit: a section's text and a context element's text hold at most 3000 characters. */
export const SLACK_TEXT_LIMIT = 3000;
/** The top-level `text` is cut by Slack beyond 40,000 characters; keep well under. */
const SLACK_FALLBACK_LIMIT = 3000;

/**
 * `&`, `<` and `>` escaped, as Slack's "Formatting text for app surfaces" asks: the only three
 * characters that would otherwise be read as markup (links, mentions).
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const slackLink = (link: Link) => `<${link.url}|${escapeSlack(link.label)}>`;

function slackLine(line: MessageLine, colon: string): string {
  const lead = line.lead ? `*${escapeSlack(line.lead)}*${colon}` : "";
  return `• ${lead}${escapeSlack(line.text)}${line.link ? ` ${slackLink(line.link)}` : ""}`;
}

/**
 * POST `{text, blocks}` to the webhook URL. `blocks`: a mrkdwn section (bold title, one bullet
 * per detail), then a context block with the link. `text` carries the whole plain message: Slack
 * shows it in notifications, and Slack-compatible receivers that ignore blocks (Mattermost,
 * Rocket.Chat) show it instead of them. `nowMs` is unused: Slack hooks are not signed.
 */
export function buildSlackRequest(
  message: AlertMessage,
  target: ChannelTarget,
  nowMs: number,
): OutgoingRequest {
  void nowMs;
  const rendered = renderMessage(message);
  const colon = message.language === "zh" ? "：" : ": ";
  const section = fitLines(
    [`*${escapeSlack(rendered.title)}*`, ...rendered.details.map((l) => slackLine(l, colon))],
    SLACK_TEXT_LIMIT,
    {
      measure: chars,
      more: (n) => (message.language === "zh" ? `…（另有 ${n} 行）` : `… (${n} more lines)`),
    },
  );
  const blocks: unknown[] = [{ type: "section", text: { type: "mrkdwn", text: section } }];
  if (rendered.links.length > 0) {
    const links = truncate(rendered.links.map(slackLink).join(" · "), SLACK_TEXT_LIMIT, chars);
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: links }] });
  }
  const text = truncate(escapeSlack(rendered.text), SLACK_FALLBACK_LIMIT, chars);
  return {
    method: "POST",
    url: target.url,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text, blocks }),
  };
}

/** 2xx (body `ok`) delivered; 429 and 5xx retryable; 400/403/404/410 refused for good. */
export function readSlackOutcome(status: number, bodyText: string): DeliveryOutcome {
  return httpOutcome(status, bodyText);
}
