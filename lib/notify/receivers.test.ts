/**
 * The requests lib/notify builds, sent with real fetch to local receivers that check them the
 * way each service does (test/support/receivers.ts), and the services' answers read back.
 */
import { afterEach, describe, expect, it } from "vitest";

import { type Receiver, type ReceiverType, startReceiver } from "@/test/support/receivers";

import { buildRequest, readOutcome } from "./request";
import { groupedMessage, message } from "./test-fixtures";
import type { AlertMessage, ChannelType, OutgoingRequest } from "./types";

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(type: ReceiverType, secret?: string) {
  const started = await startReceiver({ type, secret });
  receivers.push(started);
  return started;
}

async function send(request: OutgoingRequest) {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  return { status: response.status, text: await response.text() };
}

async function deliver(type: ChannelType, url: string, secret: string | null, m: AlertMessage) {
  const { status, text } = await send(buildRequest(m, { type, url, secret }, Date.now()));
  return readOutcome(type, status, text);
}

describe("delivery to local receivers", () => {
  const signed: ChannelType[] = ["webhook", "feishu", "dingtalk"];
  const unsigned: ChannelType[] = [
    "slack",
    "wecom",
    "alertmanager",
    "webhook",
    "feishu",
    "dingtalk",
  ];

  for (const type of signed) {
    it(`${type}: a signed request is accepted as the service would accept it`, async () => {
      const r = await receiver(type, "s3cret-for-tests");
      const outcome = await deliver(type, r.url, "s3cret-for-tests", message({ language: "zh" }));
      const [request] = await r.waitFor(1);
      expect(request?.problem).toBeUndefined();
      expect(request?.verified).toBe(true);
      expect(outcome).toEqual({ ok: true });
    });

    it(`${type}: a wrong secret is refused with the service's answer, read as a failure`, async () => {
      const r = await receiver(type, "s3cret-for-tests");
      const outcome = await deliver(type, r.url, "not-the-secret", message());
      const [request] = await r.waitFor(1);
      expect(request?.verified).toBe(false);
      expect(outcome).toMatchObject({ ok: false, retryable: false });
      const errors: Record<string, string> = {
        webhook: "HTTP 401",
        feishu: "code 19021",
        dingtalk: "code 310000",
      };
      expect(outcome.ok ? "" : outcome.error).toContain(errors[type]);
    });
  }

  for (const type of unsigned) {
    it(`${type}: an unsigned grouped message has the shape the service needs`, async () => {
      const r = await receiver(type);
      const outcome = await deliver(type, r.url, null, groupedMessage());
      const [request] = await r.waitFor(1);
      expect(request?.problem).toBeUndefined();
      expect(request?.verified).toBe(true);
      expect(outcome).toEqual({ ok: true });
    });
  }

  it("dingtalk: the token stays in the query next to timestamp and sign", async () => {
    const r = await receiver("dingtalk", "SECabc");
    await deliver("dingtalk", r.url, "SECabc", message());
    const [request] = await r.waitFor(1);
    expect(Object.keys(request!.query)).toEqual(["access_token", "timestamp", "sign"]);
  });

  it("alertmanager: the alerts arrive at /api/v2/alerts with one alert per incident", async () => {
    const r = await receiver("alertmanager");
    await deliver("alertmanager", r.url, null, groupedMessage());
    const [request] = await r.waitFor(1);
    expect(request?.path).toBe("/api/v2/alerts");
    expect(request?.body).toHaveLength(3);
  });

  it("a rate-limit answer set with respondWith reads as retryable", async () => {
    const r = await receiver("dingtalk");
    r.respondWith(200, { errcode: 130101, errmsg: "send too fast, exceed 20 times per minute" });
    const outcome = await deliver("dingtalk", r.url, null, message());
    expect(outcome).toMatchObject({ ok: false, retryable: true });
  });

  it("waitFor rejects when the requests do not come", async () => {
    const r = await receiver("slack");
    await expect(r.waitFor(1, 50)).rejects.toThrow(/0 of 1 requests/);
  });
});
