import { timingSafeEqual } from "node:crypto";

import { getEnv } from "@/lib/env";
import { otherMethods } from "@/lib/http/methods";
import { problemResponse } from "@/lib/http/problem";
import { metrics } from "@/lib/observability/metrics";

/**
 * Prometheus scrape endpoint. Open by default, as Prometheus targets usually are (restrict it
 * at the network); with CW_METRICS_TOKEN set, a matching bearer token is required.
 */
export async function GET(request: Request): Promise<Response> {
  const token = getEnv().CW_METRICS_TOKEN;
  if (token) {
    const given = Buffer.from(
      request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "",
    );
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return problemResponse(401, "Send the metrics token as a bearer token.");
    }
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
