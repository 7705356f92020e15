import { getDb } from "@/lib/db/server";
import { otherMethods } from "@/lib/http/methods";

/** 200 when the database answers within two seconds, else 503. Public, for load balancers. */
export async function GET(): Promise<Response> {
  try {
    const db = await getDb();
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000)),
    ]);
    return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json(
      { status: "unavailable" },
      { status: 503, headers: { "cache-control": "no-store", "retry-after": "5" } },
    );
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
