/**
 * Feishu / Lark custom bots (Feishu Open Platform, "Custom bot usage guide", 自定义机器人使用指南):
 * POST JSON to `https://open.feishu.cn/open-apis/bot/v2/hook/<id>`; a message card is
 * `{"msg_type": "interactive", "card": {...}}`. The request body may not exceed 20 KB.
 *
 * Signature verification (签名校验), when the bot has it on: `timestamp` (seconds, within an hour
 * of Feishu's clock) and `sign` = base64(HMAC-SHA256 keyed by `timestamp + "\n" + secret` over an
 * EMPTY message) go in the JSON body. The key, not the message, holds the string: the reverse of
 * DingTalk's recipe, and a common mistake.
 */
import { createHmac } from "node:crypto";

import { markdownLine, renderMessage } from "./message";
import { codedOutcome, numberField, parseJsonObject, stringField } from "./outcome";
import { fitLines, truncate } from "./truncate";
import type {
  AlertMessage,
  ChannelTarget,
  DeliveryOutcome,
  MessageKind,
  OutgoingRequest,
} from "./types";

/** Room left for the card's markdown under Feishu's 20 KB body limit (JSON escaping included). */
const FEISHU_MARKDOWN_BYTES = 12_000;

/** The card header's colour: red while it burns, green once it is over. */
const TEMPLATE: Record<MessageKind, string> = {
  open: "red",
  refresh: "red",
  reminder: "orange",
  resolve: "green",
  test: "blue",
};

/** base64(HMAC-SHA256(key = `${timestamp}\n${secret}`, message = "")); `timestamp` in seconds. */
export function signFeishu(secret: string, timestamp: string): string {
  return createHmac("sha256", `${timestamp}\n${secret}`).update("").digest("base64");
}

/**
 * POST an interactive card: header = the first line, a lark_md block with the details, a button
 * per link. With a secret, `timestamp` (seconds at `nowMs`, as a string) and `sign` lead the body.
 */
export function buildFeishuRequest(
  message: AlertMessage,
  target: ChannelTarget,
  nowMs: number,
): OutgoingRequest {
  const rendered = renderMessage(message);
  const { language } = message;
  const content = fitLines(
    rendered.details.map((line) => markdownLine(line, language)),
    FEISHU_MARKDOWN_BYTES,
    { more: (n) => (language === "zh" ? `……（另有 ${n} 行）` : `… (${n} more lines)`) },
  );
  const elements: unknown[] = [];
  if (content) elements.push({ tag: "div", text: { tag: "lark_md", content } });
  if (rendered.links.length > 0) {
    elements.push({
      tag: "action",
      actions: rendered.links.map((link) => ({
        tag: "button",
        text: { tag: "plain_text", content: link.label },
        type: "primary",
        url: link.url,
      })),
    });
  }
  const card = {
    config: { wide_screen_mode: true },
    header: {
      title: { tag: "plain_text", content: truncate(rendered.title, 1000) },
      template: TEMPLATE[message.kind],
    },
    elements,
  };
  const timestamp = String(Math.floor(nowMs / 1000));
  const signature =
    target.secret === null ? {} : { timestamp, sign: signFeishu(target.secret, timestamp) };
  return {
    method: "POST",
    url: target.url,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...signature, msg_type: "interactive", card }),
  };
}

/**
 * Codes that are passing limits, worth retrying: 11232 (message rate limit, 100 a minute and 5 a
 * second per bot), 99991400 (the Open Platform's frequency limit). 9499 is Feishu's gateway code
 * both for "too many request" and for "Bad Request" (a malformed or oversized body): retried
 * only when the message says it is a limit.
 */
function retryableFeishu(code: number, message: string): boolean {
  if (code === 11232 || code === 99991400) return true;
  return code === 9499 && /too many|frequency|limit/i.test(message);
}

/**
 * Feishu answers 200 with `{"code": 0, "msg": "success"}` (older bots: `{"StatusCode": 0}`);
 * any other code is a failure: 19021 a bad signature or a timestamp over an hour off, 19022 an IP
 * not allowed, 19024 a missing keyword (none retryable).
 */
export function readFeishuOutcome(status: number, bodyText: string): DeliveryOutcome {
  const body = parseJsonObject(bodyText);
  const code = numberField(body, "code") ?? numberField(body, "StatusCode");
  const text = stringField(body, "msg") || stringField(body, "StatusMessage");
  return codedOutcome(status, bodyText, code, text, (c) => retryableFeishu(c, text));
}
