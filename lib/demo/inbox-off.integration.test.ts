/** Outside `npm run demo` (CW_DEMO_INBOX unset) there is no inbox: 404, and nothing is kept. */
import { afterAll, beforeAll, expect, it } from "vitest";

import { startIngestFixture, type IngestFixture } from "@/test/support/app";
import { serveRoutes, type RouteServer } from "@/test/support/http-server";

let fixture: IngestFixture;
let server: RouteServer;

beforeAll(async () => {
  fixture = await startIngestFixture({ env: { CW_DEMO_INBOX: "0" } });
  const { GET, POST } = await import("@/app/api/demo/inbox/route");
  server = await serveRoutes({ "GET /api/demo/inbox": GET, "POST /api/demo/inbox": POST });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await fixture?.close();
});

it("answers 404 to a delivery and to a reader, and keeps nothing", async () => {
  const post = await fetch(`${server.url}/api/demo/inbox`, { method: "POST", body: "{}" });
  expect(post.status).toBe(404);
  const key = await fixture.createKey(["read"]);
  const get = await fetch(`${server.url}/api/demo/inbox`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(get.status).toBe(404);
  expect(
    Number((await fixture.sql.query('SELECT count(*) FROM "DemoInboxMessage"')).rows[0].count),
  ).toBe(0);
});
