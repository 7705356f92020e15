/**
 * The demo inbox over real HTTP on a real database: the demo's webhook channel (made by
 * ensureDemoAlerting, as `npm run demo` does) delivers through the real sender and the inbox
 * verifies its signature; forged and unsigned deliveries get a 401 and are kept, marked; the
 * setup is idempotent and follows the port; the inbox keeps its last 200 messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { signWebhook } from "@/lib/notify/webhook";
import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";

let fixture: IngestFixture;
let server: RouteServer;
let readKey: string;

async function db() {
  const { getDb } = await import("@/lib/db/server");
  return getDb();
}

async function inbox() {
  const response = await fetch(`${server.url}/api/demo/inbox`, {
    headers: { authorization: `Bearer ${readKey}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: { signature: string; payload: unknown }[] })
    .messages;
}

beforeAll(async () => {
  fixture = await startIngestFixture({ projectSlug: "demo", env: { CW_DEMO_INBOX: "1" } });
  const { GET, POST } = await import("@/app/api/demo/inbox/route");
  server = await serveRoutes({ "GET /api/demo/inbox": GET, "POST /api/demo/inbox": POST });
  readKey = await fixture.createKey(["read"]);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await fixture?.close();
});

describe("demo inbox", () => {
  it("receives the demo channel's signed webhook and verifies it", async () => {
    const { ensureDemoAlerting, INBOX_CHANNEL_NAME } = await import("@/lib/demo/setup");
    const { sendTestNotification } = await import("@/lib/alerts/delivery");
    expect(await ensureDemoAlerting(await db(), server.url)).toEqual({
      ruleCreated: true,
      channelCreated: true,
    });
    const channel = (await (
      await db()
    ).channel.findFirst({
      where: { name: INBOX_CHANNEL_NAME },
    }))!;
    const sent = await sendTestNotification(await db(), channel.id, "http://codewatch.test");
    expect(sent).toEqual({ ok: true, httpStatus: 204, error: null });
    const [message] = await inbox();
    expect(message).toMatchObject({ signature: "verified", payload: { version: 1, kind: "test" } });
  });

  it("answers 401 to a forged or an unsigned delivery, and keeps both, marked", async () => {
    const body = JSON.stringify({ version: 1, kind: "open", title: "forged" });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const forged = await fetch(`${server.url}/api/demo/inbox`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-codewatch-timestamp": timestamp,
        "x-codewatch-signature": signWebhook("not the inbox secret", timestamp, body),
      },
      body,
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get("content-type")).toContain("application/problem+json");
    expect(((await forged.json()) as { detail: string }).detail).toContain("invalid");
    const unsigned = await fetch(`${server.url}/api/demo/inbox`, { method: "POST", body });
    expect(unsigned.status).toBe(401);
    const [latest, before] = await inbox();
    expect(latest!.signature).toBe("missing");
    expect(before!.signature).toBe("invalid");
  });

  it("verifies a channel a visitor adds with a secret of their own", async () => {
    const { createChannel } = await import("@/lib/alerts/channels");
    const { sendTestNotification } = await import("@/lib/alerts/delivery");
    const mine = await createChannel(
      await db(),
      null,
      { name: "mine", type: "webhook", url: `${server.url}/api/demo/inbox`, secret: "my own" },
      "test",
    );
    const sent = await sendTestNotification(await db(), mine.id, "http://codewatch.test");
    expect(sent.httpStatus).toBe(204);
    expect((await inbox())[0]!.signature).toBe("verified");
    await (await db()).channel.delete({ where: { id: mine.id } });
  });

  it("sets up once: a second start changes nothing, a new port replaces the channel", async () => {
    const { ensureDemoAlerting, INBOX_CHANNEL_NAME, inboxUrl } = await import("@/lib/demo/setup");
    const { channelTarget } = await import("@/lib/alerts/channels");
    expect(await ensureDemoAlerting(await db(), server.url)).toEqual({
      ruleCreated: false,
      channelCreated: false,
    });
    const moved = "http://localhost:3999";
    expect((await ensureDemoAlerting(await db(), moved)).channelCreated).toBe(true);
    const channels = await (await db()).channel.findMany({ where: { name: INBOX_CHANNEL_NAME } });
    expect(channels).toHaveLength(1);
    expect((await channelTarget(await db(), channels[0]!)).url).toBe(inboxUrl(moved));
    expect(await (await db()).alertRule.count({ where: { family: "pairing" } })).toBe(1);
  });

  it("keeps the last 200 messages", async () => {
    const { receiveInboxMessage, INBOX_SIZE } = await import("@/lib/demo/inbox");
    const start = Date.now();
    for (let i = 0; i < INBOX_SIZE + 5; i++) {
      await receiveInboxMessage(
        await db(),
        { body: `m${i}`, timestamp: null, signature: null },
        start + i,
      );
    }
    const rows = await (await db()).demoInboxMessage.findMany({ orderBy: { receivedAt: "asc" } });
    expect(rows).toHaveLength(INBOX_SIZE);
    expect(rows[0]!.body).toBe("m5");
  });
});
