import { z } from "zod";

import { readIncidents } from "@/lib/auth/access-rules";
import { inboxMessages, receiveDelivery } from "@/lib/demo/service";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "@/lib/notify/webhook";
import { readBodyText, DEFAULT_BODY_LIMIT_BYTES } from "@/lib/http/body";
import { otherMethods } from "@/lib/http/methods";
import { apiRoute, json } from "@/lib/http/route";

/**
 * The demo's webhook receiver (only while CW_DEMO_INBOX=1, else 404): public like any webhook
 * receiver, its signature is what it checks. 204 when the signature holds, 401 when it is
 * missing or wrong; either way the delivery is kept and shown on /demo/inbox.
 */
export const POST = apiRoute({ auth: "public" }, async ({ request }) => {
  await receiveDelivery({
    body: await readBodyText(request, DEFAULT_BODY_LIMIT_BYTES),
    timestamp: request.headers.get(TIMESTAMP_HEADER),
    signature: request.headers.get(SIGNATURE_HEADER),
  });
  return new Response(null, { status: 204 });
});

/** What the inbox received, newest first: ?limit= (1–200, default 50). Signed-in users. */
export const GET = apiRoute(
  {
    auth: readIncidents,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
  },
  async ({ query }) => json(await inboxMessages(query.limit)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
