/**
 * Notification channels end to end: a certificate expiry sent over real HTTP opens an incident
 * (runAlertCycle with simulated time, as alerts.integration.test.ts), and the channel's local
 * receiver (test/support/receivers.ts, which checks requests the way each service documents)
 * gets one correctly signed message whose first line names the likely cause, in the project's
 * language. Also: a refusal that retrying cannot fix (DingTalk's bad signature) fails at once,
 * a 503 is retried after the backoff, every attempt recorded; a surge in several projects is one
 * message on a channel they share; an unacknowledged incident reminds; URLs and secrets are
 * stored encrypted and listed masked.
 *
 * Simulated time runs half an hour behind the real clock: events may not be from the future,
 * and the reminder needs minutes of surge after the incident opens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "@/lib/db/client";
import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";
import { startReceiver, type Receiver, type ReceiverType } from "@/test/support/receivers";
import { background, certificateExpired, sendEvents } from "@/test/support/surges";
import { alertCycle, CYCLE_MS, TEST_BASE_URL } from "@/test/support/alert-cycle";

const MINUTE = 60_000;
const CAUSE = { zh: "服务器证书可能已过期", en: "Server certificate probably expired" };

let fixture: IngestFixture;
let server: RouteServer;
const receivers: Receiver[] = [];

/** A simulated "now" half an hour behind the real clock, 20 s into a minute. */
function simulatedNow(): number {
  return Math.floor(Date.now() / MINUTE) * MINUTE - 30 * MINUTE + 20_000;
}

async function receiver(type: ReceiverType, secret?: string): Promise<Receiver> {
  const started = await startReceiver({ type, secret });
  receivers.push(started);
  return started;
}

/** A new project speaking `language`, with an ingest key. */
async function project(slug: string, language: "zh" | "en") {
  const key = await fixture.createKey(["ingest"], slug);
  const { db } = await alertCycle();
  const { updateProject } = await import("@/lib/projects/repository");
  await updateProject(db, slug, { language });
  const { id } = (await db.project.findUnique({ where: { slug } }))!;
  return { slug, key, projectId: id };
}

/**
 * An hour of background ending 3 minutes before `nowMs`, then 3 minutes of an expired
 * certificate (150 a minute from 200 phones) over the background, up to `nowMs`.
 */
async function certificateSurge(key: string, nowMs: number) {
  const from = nowMs - 63 * MINUTE;
  const surgeFrom = nowMs - 3 * MINUTE;
  await sendEvents(server.url, key, [
    ...background(from, nowMs),
    ...certificateExpired(surgeFrom, nowMs, 150),
  ]);
}

/** The surge goes on over [fromMs, toMs). */
async function moreSurge(key: string, fromMs: number, toMs: number) {
  await sendEvents(server.url, key, [
    ...background(fromMs, toMs),
    ...certificateExpired(fromMs, toMs, 150),
  ]);
}

/** Later cycles leave a finished test's project alone (the cycle evaluates enabled rules). */
async function retire(db: Db, projectId: string) {
  await db.alertRule.updateMany({ where: { projectId }, data: { enabled: false } });
}

async function liveIncidents(db: Db, projectId: string) {
  return db.incident.findMany({ where: { projectId, retrospective: false } });
}

beforeAll(async () => {
  fixture = await startIngestFixture({ env: { CW_INGEST_REQUESTS_PER_SECOND: "10000" } });
  const { POST } = await import("@/app/api/v1/events/route");
  server = await serveRoutes({ "POST /api/v1/events": POST });
}, 120_000);

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await server?.close();
  await fixture?.close();
});

/** The first line of what each service shows, from the request body it received. */
const FIRST_LINES: Record<Exclude<ReceiverType, "alertmanager">, (body: never) => string[]> = {
  // The card's header is its first line; the details follow in the lark_md block.
  feishu: (b: { card: { header: { title: { content: string } } } }) => [
    b.card.header.title.content,
  ],
  // The chat list shows `title`; the message opens with the bold title.
  dingtalk: (b: { markdown: { title: string; text: string } }) => [
    b.markdown.title,
    b.markdown.text.split("\n")[0]!,
  ],
  wecom: (b: { markdown: { content: string } }) => [b.markdown.content.split("\n")[0]!],
  // The notification text, and the first line of the Block Kit section.
  slack: (b: { text: string; blocks: { text?: { text: string } }[] }) => [
    b.text.split("\n")[0]!,
    b.blocks[0]!.text!.text.split("\n")[0]!,
  ],
  webhook: (b: { title: string; text: string }) => [b.title, b.text.split("\n")[0]!],
};

const CASES: {
  type: Exclude<ReceiverType, "alertmanager">;
  secret?: string;
  language: "zh" | "en";
}[] = [
  { type: "feishu", secret: "feishu-sign-secret-0123", language: "zh" },
  { type: "dingtalk", secret: "SEC0123456789abcdef0123456789abcdef", language: "en" },
  { type: "wecom", language: "zh" },
  { type: "slack", language: "en" },
  { type: "webhook", secret: "whsec-channels-0123456789", language: "zh" },
];

describe("a surge pages each type of channel once, signed, with the cause first", () => {
  it.each(CASES)("$type ($language)", async ({ type, secret, language }) => {
    const { db, cycle } = await alertCycle();
    const { createChannel } = await import("@/lib/alerts/channels");
    const { slug, key, projectId } = await project(`certs-${type}`, language);
    const hook = await receiver(type, secret);
    await createChannel(db, projectId, { name: `${type} hook`, type, url: hook.url, secret }, null);
    try {
      const now = simulatedNow();
      await certificateSurge(key, now);
      const report = await cycle(now);
      expect(report.opened).toBe(1);
      const [incident] = await liveIncidents(db, projectId);
      expect(incident?.status).toBe("open");
      // Delivered within the cycle; the next cycle sends nothing more.
      expect(report.delivery).toEqual({ sent: 1, failed: 0, retrying: 0 });
      await cycle(now + CYCLE_MS);
      expect(hook.requests).toHaveLength(1);
      const [request] = hook.requests;
      expect(request!.problem).toBeUndefined();
      expect(request!.verified).toBe(true);
      for (const line of FIRST_LINES[type](request!.body as never)) {
        expect(line).toContain(CAUSE[language]);
        expect(line).toContain("50502");
        expect(line).toContain(slug);
        expect(line).not.toContain(CAUSE[language === "zh" ? "en" : "zh"]);
      }
      const notification = await db.notification.findFirstOrThrow({
        where: { incidents: { some: { incidentId: incident!.id } } },
        include: { tries: true },
      });
      expect(notification).toMatchObject({ kind: "open", status: "sent", attempts: 1 });
      expect(notification.tries.map((t) => t.ok)).toEqual([true]);
    } finally {
      await retire(db, projectId);
    }
  });
});

describe("failed deliveries", () => {
  it("does not retry DingTalk's bad-signature answer (errcode 310000) and records it", async () => {
    const { db, cycle } = await alertCycle();
    const { createChannel } = await import("@/lib/alerts/channels");
    const { getIncident } = await import("@/lib/alerts/incident-reads");
    const { deliverDue } = await import("@/lib/alerts/delivery");
    const { key, projectId } = await project("refused-dingtalk", "zh");
    const hook = await receiver("dingtalk", "SEC-refused-0123456789");
    await createChannel(
      db,
      projectId,
      { name: "robot", type: "dingtalk", url: hook.url, secret: "SEC-refused-0123456789" },
      null,
    );
    // DingTalk answers HTTP 200 whatever happened: the error is in the body.
    hook.respondWith(200, { errcode: 310000, errmsg: "sign not match" });
    try {
      const now = simulatedNow();
      await certificateSurge(key, now);
      const report = await cycle(now);
      expect(report.opened).toBe(1);
      expect(report.delivery).toEqual({ sent: 0, failed: 1, retrying: 0 });
      const [incident] = await liveIncidents(db, projectId);
      const notification = await db.notification.findFirstOrThrow({
        where: { incidents: { some: { incidentId: incident!.id } } },
        include: { tries: true },
      });
      expect(notification).toMatchObject({ status: "failed", attempts: 1 });
      expect(notification.lastError).toContain("310000");
      expect(notification.tries).toHaveLength(1);
      expect(notification.tries[0]).toMatchObject({ ok: false, httpStatus: 200 });
      expect(notification.tries[0]!.error).toContain("310000");

      // Not retried, however long one waits.
      expect(await deliverDue(db, { nowMs: now + 30 * MINUTE, baseUrl: TEST_BASE_URL })).toEqual({
        sent: 0,
        failed: 0,
        retrying: 0,
      });
      await cycle(now + MINUTE);
      expect(hook.requests).toHaveLength(1);
      // The request itself was right: the refusal is the answer we told the robot to give.
      expect(hook.requests[0]!.verified).toBe(true);

      const detail = await getIncident(db, incident!.id);
      const failures = detail.timeline.filter((e) => e.kind === "notify-failed");
      expect(failures).toHaveLength(1);
      expect(failures[0]!.detail).toMatchObject({
        type: "dingtalk",
        attempt: 1,
        httpStatus: 200,
        willRetry: false,
      });
      expect(detail.timeline.map((e) => e.kind)).not.toContain("notified");
      expect(detail.notifications).toHaveLength(1);
      expect(detail.notifications[0]).toMatchObject({ status: "failed" });
      expect(detail.notifications[0]!.attempts).toHaveLength(1);
    } finally {
      await retire(db, projectId);
    }
  });

  it("retries a webhook's 503 after the backoff, then succeeds, every attempt recorded", async () => {
    const { db, cycle } = await alertCycle();
    const { createChannel } = await import("@/lib/alerts/channels");
    const { getIncident } = await import("@/lib/alerts/incident-reads");
    const { BACKOFF_SECONDS, deliverDue } = await import("@/lib/alerts/delivery");
    const { key, projectId } = await project("retried-webhook", "en");
    const secret = "whsec-retry-0123456789";
    const hook = await receiver("webhook", secret);
    await createChannel(
      db,
      projectId,
      { name: "hook", type: "webhook", url: hook.url, secret },
      null,
    );
    hook.respondWith(503, "upstream unavailable");
    try {
      const now = simulatedNow();
      await certificateSurge(key, now);
      const report = await cycle(now);
      expect(report.opened).toBe(1);
      expect(report.delivery).toEqual({ sent: 0, failed: 0, retrying: 1 });
      const [incident] = await liveIncidents(db, projectId);
      const where = { incidents: { some: { incidentId: incident!.id } } };
      const pending = await db.notification.findFirstOrThrow({ where });
      expect(pending).toMatchObject({ status: "pending", attempts: 1 });
      // The backoff counts from the attempt, on the cycle's clock (the attempt takes well
      // under a few seconds here).
      const backoffMs = BACKOFF_SECONDS[0]! * 1_000;
      expect(pending.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now + backoffMs);
      expect(pending.nextAttemptAt.getTime()).toBeLessThan(now + backoffMs + 5_000);

      // Before the backoff has passed, nothing is sent again.
      const early = await deliverDue(db, {
        nowMs: now + backoffMs - 1_000,
        baseUrl: TEST_BASE_URL,
      });
      expect(early).toEqual({ sent: 0, failed: 0, retrying: 0 });
      expect(hook.requests).toHaveLength(1);

      hook.respondWith(null);
      const retried = await deliverDue(db, {
        nowMs: now + backoffMs + 5_000,
        baseUrl: TEST_BASE_URL,
      });
      expect(retried).toEqual({ sent: 1, failed: 0, retrying: 0 });
      expect(hook.requests).toHaveLength(2);
      expect(hook.requests.map((r) => r.verified)).toEqual([true, true]);

      const sent = await db.notification.findFirstOrThrow({
        where,
        include: { tries: { orderBy: { at: "asc" } } },
      });
      expect(sent).toMatchObject({ status: "sent", attempts: 2, lastError: null });
      expect(sent.tries.map((t) => [t.ok, t.httpStatus])).toEqual([
        [false, 503],
        [true, 204],
      ]);
      expect(sent.tries[0]!.error).toContain("503");

      // The timeline (ordered by time, as the incident page shows it) tells the story.
      const detail = await getIncident(db, incident!.id);
      const lines = detail.timeline.filter((e) => e.kind.startsWith("notif"));
      expect(lines.map((e) => e.kind)).toEqual(["notify-failed", "notified"]);
      expect(lines[0]!.detail).toMatchObject({ attempt: 1, httpStatus: 503, willRetry: true });
      expect(lines[1]!.detail).toMatchObject({ attempt: 2, httpStatus: 204 });
      // On the cycle's clock: after the opening, the retry after the backoff.
      const opened = Date.parse(detail.timeline.find((e) => e.kind === "opened")!.at);
      expect(opened).toBe(now);
      expect(Date.parse(lines[0]!.at)).toBeGreaterThanOrEqual(now);
      expect(Date.parse(lines[0]!.at)).toBeLessThan(now + backoffMs);
      expect(Date.parse(lines[1]!.at)).toBeGreaterThanOrEqual(now + backoffMs);
      expect(Date.parse(lines[1]!.at)).toBeLessThan(now + 2 * backoffMs + 5_000);
      expect(detail.notifications[0]!.attempts.map((a) => a.httpStatus)).toEqual([503, 204]);
    } finally {
      await retire(db, projectId);
    }
  });
});

describe("one surge in several projects", () => {
  it("is one message on a channel they share; a third project joins it on the timeline", async () => {
    const { db, cycle } = await alertCycle();
    const { createChannel, deleteChannel } = await import("@/lib/alerts/channels");
    const { getIncident } = await import("@/lib/alerts/incident-reads");
    const secret = "whsec-group-0123456789";
    const hook = await receiver("webhook", secret);
    const [a, b, c] = [
      await project("group-android", "zh"),
      await project("group-ios", "zh"),
      await project("group-web", "zh"),
    ];
    // For every project.
    const channel = await createChannel(
      db,
      null,
      { name: "every project", type: "webhook", url: hook.url, secret },
      null,
    );
    try {
      const now = simulatedNow();
      await certificateSurge(a!.key, now);
      await certificateSurge(b!.key, now);
      const report = await cycle(now);
      expect(report.opened).toBe(2);
      expect(hook.requests).toHaveLength(1);
      const page = hook.requests[0]!;
      expect(page.verified).toBe(true);
      const body = page.body as {
        kind: string;
        text: string;
        incidents: { projectSlug: string; topCause: { id: string } | null }[];
      };
      expect(body.kind).toBe("open");
      expect(body.incidents.map((i) => i.projectSlug).sort()).toEqual([a!.slug, b!.slug]);
      expect(body.incidents.map((i) => i.topCause?.id)).toEqual([
        "certificate-expired",
        "certificate-expired",
      ]);
      const [first, ...rest] = body.text.split("\n");
      expect(first).toContain("2 个项目");
      expect(first).toContain(CAUSE.zh);
      expect(rest.join("\n")).toContain(a!.slug);
      expect(rest.join("\n")).toContain(b!.slug);
      const notifications = await db.notification.findMany({
        where: { channelId: channel.id },
        include: { incidents: true },
      });
      expect(notifications).toHaveLength(1);
      expect(notifications[0]!.incidents).toHaveLength(2);

      // Two minutes later the same surge reaches a third project: no second message.
      const later = now + 2 * MINUTE;
      await moreSurge(a!.key, now, later);
      await moreSurge(b!.key, now, later);
      await certificateSurge(c!.key, later);
      const third = await cycle(later);
      expect(third.opened).toBe(1);
      expect(hook.requests).toHaveLength(1);
      const [incident] = await liveIncidents(db, c!.projectId);
      const detail = await getIncident(db, incident!.id);
      expect(detail.notifications).toHaveLength(0);
      const grouped = detail.timeline.find((e) => e.kind === "grouped");
      expect(grouped?.detail).toMatchObject({ notificationId: notifications[0]!.id });
      expect(grouped?.detail?.sentAt).toEqual(expect.any(String));
    } finally {
      await deleteChannel(db, channel.id);
      for (const p of [a!, b!, c!]) await retire(db, p.projectId);
    }
  });
});

describe("reminders", () => {
  it("re-notifies an unacknowledged incident after reminderMinutes, not once acknowledged", async () => {
    const { db, cycle } = await alertCycle();
    const { createChannel } = await import("@/lib/alerts/channels");
    const { acknowledgeIncident } = await import("@/lib/alerts/incidents");
    const { key, projectId } = await project("reminded", "en");
    await db.alertRule.updateMany({
      where: { projectId, builtin: "50502-surge" },
      data: { reminderMinutes: 5 },
    });
    const secret = "whsec-remind-0123456789";
    const hook = await receiver("webhook", secret);
    await createChannel(
      db,
      projectId,
      { name: "hook", type: "webhook", url: hook.url, secret },
      null,
    );
    try {
      const start = simulatedNow() - 12 * MINUTE;
      await certificateSurge(key, start);
      expect((await cycle(start)).opened).toBe(1);
      const [incident] = await liveIncidents(db, projectId);
      const kinds = () => hook.requests.map((r) => (r.body as { kind: string }).kind);
      expect(kinds()).toEqual(["open"]);

      // The surge goes on; a cycle each simulated minute.
      let now = start;
      const minute = async () => {
        await moreSurge(key, now, now + MINUTE);
        now += MINUTE;
        await cycle(now);
      };
      for (let i = 0; i < 4; i++) await minute();
      expect(kinds()).toEqual(["open"]);
      await minute();
      expect(kinds()).toEqual(["open", "reminder"]);
      const reminder = hook.requests[1]!;
      expect(reminder.verified).toBe(true);
      const text = (reminder.body as { text: string }).text;
      expect(text.split("\n")[0]).toContain("Still open, not acknowledged");
      expect(text.split("\n")[0]).toContain(CAUSE.en);
      expect(
        await db.notification.count({
          where: { kind: "reminder", incidents: { some: { incidentId: incident!.id } } },
        }),
      ).toBe(1);

      // Acknowledged: no reminder at 10 minutes, though the surge goes on.
      await minute();
      await acknowledgeIncident(db, incident!.id, "ops@example.com", now);
      for (let i = 0; i < 6; i++) await minute();
      expect(kinds()).toEqual(["open", "reminder"]);
      const after = await db.incident.findUniqueOrThrow({ where: { id: incident!.id } });
      expect(after.status).toBe("acknowledged");
    } finally {
      await retire(db, projectId);
    }
  });
});

describe("channel secrets", () => {
  it("stores the URL token and the secret encrypted, and lists the URL masked", async () => {
    const { db } = await alertCycle();
    const { createChannel, listChannels, channelTarget } = await import("@/lib/alerts/channels");
    const { projectId } = await project("secrets", "zh");
    const token = "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0";
    const secret = "SECb3c1a9e5d7f2468ace0bd1357f9e2c4a6b8d0f1e3c5a7b9d";
    const slackToken = "xoxbAbCdEfGhIjKlMnOpQrStUv";
    const dingtalkUrl = `https://oapi.dingtalk.com/robot/send?access_token=${token}`;
    const slackUrl = `https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${slackToken}`;
    const created = await createChannel(
      db,
      projectId,
      { name: "robot", type: "dingtalk", url: dingtalkUrl, secret },
      "admin@example.com",
    );
    await createChannel(db, projectId, { name: "slack", type: "slack", url: slackUrl }, null);

    const { rows } = await fixture.sql.query<{
      name: string;
      urlEncrypted: string;
      urlDisplay: string;
      secretEncrypted: string | null;
    }>(
      `SELECT name, "urlEncrypted", "urlDisplay", "secretEncrypted" FROM "Channel"
       WHERE "projectId" = $1 ORDER BY name`,
      [projectId],
    );
    expect(rows).toHaveLength(2);
    const stored = JSON.stringify(rows);
    for (const plain of [token, secret, slackToken, dingtalkUrl, slackUrl]) {
      expect(stored).not.toContain(plain);
    }
    const robot = rows.find((r) => r.name === "robot")!;
    expect(robot.secretEncrypted).not.toBeNull();
    expect(robot.urlEncrypted).not.toContain("dingtalk");
    // The sender gets them back whole.
    const target = await channelTarget(db, { type: "dingtalk", ...robot });
    expect(target).toEqual({ type: "dingtalk", url: dingtalkUrl, secret });

    const listed = await listChannels(db, projectId);
    const mine = listed.filter((c) => c.project === "secrets");
    expect(mine.map((c) => [c.name, c.url, c.hasSecret])).toEqual([
      ["robot", "https://oapi.dingtalk.com/robot/send?access_token=…", true],
      ["slack", "https://hooks.slack.com/services/T0123ABCD/B0123ABCD/xoxb…", false],
    ]);
    expect(created.url).toBe("https://oapi.dingtalk.com/robot/send?access_token=…");
    const answer = JSON.stringify(listed);
    for (const plain of [token, secret, slackToken]) expect(answer).not.toContain(plain);
  });
});
