/**
 * Local stand-ins for the services codewatch notifies: a real HTTP server on 127.0.0.1 that
 * checks each request the way the service does (its signature recipe, its clock window, the
 * shape it needs) and answers the way the service answers, success or error. The checks are
 * written from the services' documents, not from lib/notify, so a test passing against them
 * says lib/notify follows the documents.
 *
 *   webhook       our own scheme (docs/notifications.md): HMAC-SHA256 hex of "<ts>.<body>",
 *                 timestamp within 5 minutes; answers 204, or 401 on a bad signature
 *   feishu        body `timestamp` (seconds) within an hour, `sign` = base64 HMAC keyed by
 *                 "<ts>\n<secret>" over ""; answers {code:0}, or {code:19021}
 *   dingtalk      query `timestamp` (ms) within an hour, `sign` = base64 HMAC keyed by the
 *                 secret over "<ts>\n<secret>"; answers {errcode:0}, or {errcode:310000}
 *   wecom, slack  no signature, the shape is checked; alertmanager: an array of alerts
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceiverType = "webhook" | "slack" | "feishu" | "dingtalk" | "wecom" | "alertmanager";

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON, or null when it is not JSON. */
  body: unknown;
  /** The service would accept it: signature (when the receiver has a secret) and shape. */
  verified: boolean;
  /** Why it would not, when it would not. */
  problem?: string;
}

export interface Receiver {
  /** The address to configure as the channel's URL (hook path and token included). */
  url: string;
  requests: ReceivedRequest[];
  /** Resolves once `n` requests have arrived; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Answer every later request with this, whatever it holds (null: back to the service's). */
  respondWith(status: number | null, body?: string | object): void;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: string | object;
}

type Check = { problem?: string };
type Verdict = { problem?: string; answer: Answer };

const HOUR_SECONDS = 3600;
const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Where each service's hook lives; the receiver refuses other paths with 404. */
const PATHS: Record<ReceiverType, string> = {
  webhook: "/hooks/codewatch",
  slack: "/services/T0000TEST/B0000TEST/testtoken",
  feishu: "/open-apis/bot/v2/hook/00000000-test-hook",
  dingtalk: "/robot/send?access_token=test-token",
  wecom: "/cgi-bin/webhook/send?key=test-key",
  alertmanager: "",
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function withinSeconds(timestampSeconds: number, window: number): boolean {
  return (
    Number.isFinite(timestampSeconds) && Math.abs(Date.now() / 1000 - timestampSeconds) <= window
  );
}

function checkWebhook(req: ReceivedRequest, secret: string | undefined): Check {
  const body = req.body;
  if (!isObject(body) || body.version !== 1 || typeof body.title !== "string")
    return { problem: "not a codewatch payload" };
  if (!Array.isArray(body.incidents)) return { problem: "no incidents array" };
  if (secret === undefined) return {};
  const timestamp = req.headers["x-codewatch-timestamp"];
  const signature = req.headers["x-codewatch-signature"];
  if (typeof timestamp !== "string" || !/^\d+$/.test(timestamp)) return { problem: "no timestamp" };
  if (typeof signature !== "string") return { problem: "no signature" };
  if (!withinSeconds(Number(timestamp), WEBHOOK_TOLERANCE_SECONDS))
    return { problem: "timestamp outside 5 minutes" };
  const expected = createHmac("sha256", secret).update(`${timestamp}.${req.rawBody}`).digest("hex");
  return sameText(signature, `v1=${expected}`) ? {} : { problem: "signature mismatch" };
}

function checkFeishu(req: ReceivedRequest, secret: string | undefined): Check {
  const body = req.body;
  if (!isObject(body) || typeof body.msg_type !== "string") return { problem: "no msg_type" };
  if (body.msg_type === "interactive" ? !isObject(body.card) : !isObject(body.content))
    return { problem: "no card or content" };
  if (secret === undefined) return {};
  const { timestamp, sign } = body;
  if ((typeof timestamp !== "string" && typeof timestamp !== "number") || typeof sign !== "string")
    return { problem: "no timestamp or sign" };
  if (!withinSeconds(Number(timestamp), HOUR_SECONDS))
    return { problem: "timestamp not within one hour" };
  // Feishu's recipe: the string is the KEY, the message is empty.
  const expected = createHmac("sha256", `${timestamp}\n${secret}`).update("").digest("base64");
  return sameText(sign, expected) ? {} : { problem: "sign mismatch" };
}

function checkDingTalk(req: ReceivedRequest, secret: string | undefined): Check {
  const body = req.body;
  if (!isObject(body) || typeof body.msgtype !== "string" || !isObject(body[body.msgtype]))
    return { problem: "no msgtype or its object" };
  if (secret === undefined) return {};
  const { timestamp, sign } = req.query;
  if (!timestamp || !sign) return { problem: "no timestamp or sign in the query" };
  if (!withinSeconds(Number(timestamp) / 1000, HOUR_SECONDS))
    return { problem: "timestamp not within one hour" };
  // DingTalk's recipe: the secret is the key, "<timestamp>\n<secret>" the message.
  const expected = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
  return sameText(sign, expected) ? {} : { problem: "sign mismatch" };
}

function verdict(type: ReceiverType, req: ReceivedRequest, secret: string | undefined): Verdict {
  switch (type) {
    case "webhook": {
      const { problem } = checkWebhook(req, secret);
      return problem
        ? { problem, answer: { status: 401, body: { error: problem } } }
        : { answer: { status: 204, body: "" } };
    }
    case "feishu": {
      const { problem } = checkFeishu(req, secret);
      if (!problem) return { answer: { status: 200, body: { code: 0, msg: "success", data: {} } } };
      const signing = /sign|timestamp/.test(problem);
      const body = signing
        ? {
            code: 19021,
            msg: "sign match fail or timestamp is not within one hour from current time",
            data: {},
          }
        : { code: 9499, msg: "Bad Request", data: {} };
      return { problem, answer: { status: 200, body } };
    }
    case "dingtalk": {
      const { problem } = checkDingTalk(req, secret);
      if (!problem) return { answer: { status: 200, body: { errcode: 0, errmsg: "ok" } } };
      const body = /sign|timestamp/.test(problem)
        ? { errcode: 310000, errmsg: "sign not match" }
        : { errcode: 40035, errmsg: "missing parameter" };
      return { problem, answer: { status: 200, body } };
    }
    case "wecom": {
      const body = req.body;
      const content =
        isObject(body) && body.msgtype === "markdown" && isObject(body.markdown)
          ? body.markdown.content
          : undefined;
      if (typeof content !== "string") {
        const answer = { errcode: 40008, errmsg: "invalid message type" };
        return { problem: "not a markdown message", answer: { status: 200, body: answer } };
      }
      if (Buffer.byteLength(content) > 4096) {
        const answer = { errcode: 40058, errmsg: "markdown.content exceed max length 4096" };
        return { problem: "content over 4096 bytes", answer: { status: 200, body: answer } };
      }
      return { answer: { status: 200, body: { errcode: 0, errmsg: "ok" } } };
    }
    case "slack": {
      const body = req.body;
      if (!isObject(body) || (typeof body.text !== "string" && !Array.isArray(body.blocks)))
        return { problem: "no text", answer: { status: 400, body: "no_text" } };
      const blocks = Array.isArray(body.blocks) ? body.blocks : [];
      const tooLong = blocks.some(
        (block) =>
          isObject(block) &&
          isObject(block.text) &&
          typeof block.text.text === "string" &&
          block.text.text.length > 3000,
      );
      return tooLong
        ? { problem: "block text over 3000", answer: { status: 400, body: "invalid_blocks" } }
        : { answer: { status: 200, body: "ok" } };
    }
    case "alertmanager": {
      const problem = checkAlerts(req.body);
      return problem
        ? { problem, answer: { status: 400, body: { code: 400, message: problem } } }
        : { answer: { status: 200, body: "" } };
    }
  }
}

/** Alertmanager's postAlerts validation: an array; each alert with string labels incl. alertname. */
function checkAlerts(body: unknown): string | undefined {
  if (!Array.isArray(body)) return "body is not an array";
  for (const alert of body) {
    if (!isObject(alert) || !isObject(alert.labels)) return "alert without labels";
    if (typeof alert.labels.alertname !== "string") return "alert without alertname";
    for (const group of [alert.labels, alert.annotations ?? {}]) {
      if (!isObject(group) || Object.values(group).some((v) => typeof v !== "string"))
        return "label or annotation values must be strings";
    }
    for (const field of ["startsAt", "endsAt"] as const) {
      const value = alert[field];
      if (value !== undefined && (typeof value !== "string" || Number.isNaN(Date.parse(value))))
        return `${field} is not an RFC 3339 time`;
    }
  }
  return undefined;
}

async function readBody(message: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Starts a receiver for `type` on 127.0.0.1 (a free port). With `secret`, requests must be
 * signed with it the way the service requires; without, signatures are not checked.
 */
export async function startReceiver(options: {
  type: ReceiverType;
  secret?: string;
}): Promise<Receiver> {
  const { type, secret } = options;
  const requests: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  let override: Answer | null = null;
  const expectedPath = type === "alertmanager" ? "/api/v2/alerts" : PATHS[type].split("?")[0];

  const server = createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const rawBody = await readBody(incoming);
    const request: ReceivedRequest = {
      method: incoming.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: incoming.headers,
      rawBody,
      body: parseJson(rawBody),
      verified: false,
    };
    let answer: Answer;
    if (incoming.method !== "POST" || url.pathname !== expectedPath) {
      request.problem = `no hook at ${incoming.method} ${url.pathname}`;
      answer = { status: 404, body: "not found" };
    } else {
      const result = verdict(type, request, secret);
      request.verified = result.problem === undefined;
      if (result.problem) request.problem = result.problem;
      answer = result.answer;
    }
    answer = override ?? answer;
    requests.push(request);
    for (const wake of waiters) wake();
    const isText = typeof answer.body === "string";
    outgoing.writeHead(answer.status, {
      "content-type": isText ? "text/plain; charset=utf-8" : "application/json",
    });
    outgoing.end(isText ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${PATHS[type]}`,
    requests,
    waitFor(n, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(requests.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`${type} receiver: ${requests.length} of ${n} requests in ${timeoutMs} ms`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    respondWith(status, body = "") {
      override = status === null ? null : { status, body };
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
