/**
 * WeCom group robots (WeCom developer docs, "Group robot configuration", 群机器人配置说明): POST
 * JSON to `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>`; a markdown message is
 * `{"msgtype": "markdown", "markdown": {"content"}}`, content at most 4096 bytes of UTF-8
 * (longer is refused with errcode 40058). No signature: the key in the URL is the secret.
 * WeCom's markdown knows bold, links, quotes and headings, not lists: one detail per line.
 */
import { markdownLine, markdownLink, renderMessage } from "./message";
import { codedOutcome, numberField, parseJsonObject, stringField } from "./outcome";
import { fitLines } from "./truncate";
import type { AlertMessage, ChannelTarget, DeliveryOutcome, OutgoingRequest } from "./types";

export const WECOM_CONTENT_BYTES = 4096;

/**
 * POST a markdown message: the bold first line, a line per detail, the links. Over 4096 bytes,
 * details are dropped from the end (a line says how many) and the links kept; a first line
 * alone over the limit is cut on a character boundary. `nowMs` is unused: WeCom is not signed.
 */
export function buildWeComRequest(
  message: AlertMessage,
  target: ChannelTarget,
  nowMs: number,
): OutgoingRequest {
  void nowMs;
  const rendered = renderMessage(message);
  const { language } = message;
  const lines = [
    `**${rendered.title}**`,
    ...rendered.details.map((line) => markdownLine(line, language)),
  ];
  if (rendered.links.length > 0) lines.push(rendered.links.map(markdownLink).join(" · "));
  const content = fitLines(lines, WECOM_CONTENT_BYTES, {
    keepLast: rendered.links.length > 0 ? 1 : 0,
    more: (n) => (language === "zh" ? `……（另有 ${n} 行）` : `… (${n} more lines)`),
  });
  return {
    method: "POST",
    url: target.url,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ msgtype: "markdown", markdown: { content } }),
  };
}

/** Codes worth retrying: 45009 (API frequency limit; 20 messages a minute) and -1 (system busy). */
const RETRYABLE_WECOM = new Set([45009, -1]);

/**
 * WeCom answers HTTP 200 with `{"errcode": 0, "errmsg": "ok"}` when delivered; any other errcode
 * failed (93000: the key is invalid, 40058: content too long, refused for good).
 */
export function readWeComOutcome(status: number, bodyText: string): DeliveryOutcome {
  const body = parseJsonObject(bodyText);
  return codedOutcome(
    status,
    bodyText,
    numberField(body, "errcode"),
    stringField(body, "errmsg"),
    (code) => RETRYABLE_WECOM.has(code),
  );
}
