/**
 * One entry point for the sender (lib/alerts): the request a channel type needs for a message,
 * and how to read its answer. Each type's rules live in its own module.
 */
import { buildAlertmanagerRequest, readAlertmanagerOutcome } from "./alertmanager";
import { buildDingTalkRequest, readDingTalkOutcome } from "./dingtalk";
import { buildFeishuRequest, readFeishuOutcome } from "./feishu";
import { buildSlackRequest, readSlackOutcome } from "./slack";
import type {
  AlertMessage,
  ChannelTarget,
  ChannelType,
  DeliveryOutcome,
  OutgoingRequest,
} from "./types";
import { buildWebhookRequest, readWebhookOutcome } from "./webhook";
import { buildWeComRequest, readWeComOutcome } from "./wecom";

interface ChannelCodec {
  build(message: AlertMessage, target: ChannelTarget, nowMs: number): OutgoingRequest;
  read(status: number, bodyText: string): DeliveryOutcome;
}

const CODECS: Record<ChannelType, ChannelCodec> = {
  webhook: { build: buildWebhookRequest, read: readWebhookOutcome },
  slack: { build: buildSlackRequest, read: readSlackOutcome },
  feishu: { build: buildFeishuRequest, read: readFeishuOutcome },
  dingtalk: { build: buildDingTalkRequest, read: readDingTalkOutcome },
  wecom: { build: buildWeComRequest, read: readWeComOutcome },
  alertmanager: { build: buildAlertmanagerRequest, read: readAlertmanagerOutcome },
};

/**
 * The HTTP request that delivers `message` to `target`; `nowMs` (epoch milliseconds) dates the
 * signatures (webhook, Feishu, DingTalk) and Alertmanager's `endsAt`. Pure: sending is the
 * caller's.
 */
export function buildRequest(
  message: AlertMessage,
  target: ChannelTarget,
  nowMs: number,
): OutgoingRequest {
  return CODECS[target.type].build(message, target, nowMs);
}

/**
 * What a channel's answer means: `status` the HTTP status (below 100 for no answer at all),
 * `bodyText` the body as text. DingTalk, WeCom and Feishu answer 200 on failure too, with an
 * error code in the body, which is read.
 */
export function readOutcome(type: ChannelType, status: number, bodyText: string): DeliveryOutcome {
  return CODECS[type].read(status, bodyText);
}
