/**
 * DingTalk custom robots (DingTalk Open Platform, "Custom robot access" and "Custom robot security
 * settings", 自定义机器人接入 / 自定义机器人安全设置): POST JSON to
 * `https://oapi.dingtalk.com/robot/send?access_token=<token>`; a markdown message is
 * `{"msgtype": "markdown", "markdown": {"title", "text"}}`; `title` is what the chat list and
 * the push notification show, `text` the message itself.
 *
 * Signing (加签), when the robot has it on: `timestamp` in MILLISECONDS, `sign` =
 * urlencode(base64(HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret`)), both added
 * to the URL's query. DingTalk refuses a timestamp more than an hour from its clock.
 */
import { createHmac } from "node:crypto";

import { renderMessage } from "./message";
import { codedOutcome, numberField, parseJsonObject, stringField } from "./outcome";
import { fitLines, truncate } from "./truncate";
import type { AlertMessage, ChannelTarget, DeliveryOutcome, OutgoingRequest } from "./types";

/**
 * DingTalk's documents give no markdown limit; messages of about 20,000 bytes are refused in
 * practice, so the text stays well below.
 */
const DINGTALK_TEXT_BYTES = 15_000;

/** base64(HMAC-SHA256(key = secret, message = `${timestamp}\n${secret}`)), not yet URL-encoded. */
export function signDingTalk(secret: string, timestamp: string): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`, "utf8").digest("base64");
}

/** `url` with `params` appended to its query (`?` or `&` as needed), before any `#fragment`. */
export function appendQuery(url: string, params: string): string {
  const hash = url.indexOf("#");
  const [base, fragment] = hash === -1 ? [url, ""] : [url.slice(0, hash), url.slice(hash)];
  const joiner = !base.includes("?") ? "?" : /[?&]$/.test(base) ? "" : "&";
  return `${base}${joiner}${params}${fragment}`;
}

/**
 * POST a markdown message (title = the first line, text = the message's markdown). With a
 * secret, `&timestamp=<ms at nowMs>&sign=<...>` is appended to the robot's URL.
 */
export function buildDingTalkRequest(
  message: AlertMessage,
  target: ChannelTarget,
  nowMs: number,
): OutgoingRequest {
  const rendered = renderMessage(message);
  const paragraphs = rendered.markdown.split("\n");
  const text = fitLines(paragraphs, DINGTALK_TEXT_BYTES, {
    keepLast: 1,
    more: (n) => (message.language === "zh" ? `- ……（另有 ${n} 行）` : `- … (${n} more lines)`),
  });
  let url = target.url;
  if (target.secret !== null) {
    const timestamp = String(Math.floor(nowMs));
    const sign = encodeURIComponent(signDingTalk(target.secret, timestamp));
    url = appendQuery(url, `timestamp=${timestamp}&sign=${sign}`);
  }
  return {
    method: "POST",
    url,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      msgtype: "markdown",
      markdown: { title: truncate(rendered.title, 500), text },
    }),
  };
}

/**
 * Codes worth retrying: 130101 (more than 20 messages a minute; DingTalk then refuses the robot
 * for 10 minutes) and -1 (system busy).
 */
const RETRYABLE_DINGTALK = new Set([130101, -1]);

/**
 * DingTalk answers HTTP 200 whatever happened: `{"errcode": 0, "errmsg": "ok"}` delivered; any
 * other errcode failed, e.g. 310000 (bad signature, missing keyword or IP not allowed) and
 * 300001 (unknown token), refused for good.
 */
export function readDingTalkOutcome(status: number, bodyText: string): DeliveryOutcome {
  const body = parseJsonObject(bodyText);
  return codedOutcome(
    status,
    bodyText,
    numberField(body, "errcode"),
    stringField(body, "errmsg"),
    (code) => RETRYABLE_DINGTALK.has(code),
  );
}
