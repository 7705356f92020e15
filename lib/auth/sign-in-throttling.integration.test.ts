import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ORIGIN, startAppDatabase } from "@/test/support/app";
import type { ScratchDatabase } from "@/test/support/database";

import { SIGN_IN_ATTEMPTS_PER_MINUTE } from "./better-auth-limits";
import { LOCKOUT_MAX_FAILURES } from "./lockout";

const PASSWORD = "correct horse battery";
let database: ScratchDatabase;

async function attempt(email: string, password: string, clientIp: string): Promise<Response> {
  const { getAuth } = await import("./server");
  return (await getAuth()).handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": clientIp },
      body: JSON.stringify({ email, password }),
    }),
  );
}

beforeAll(async () => {
  database = await startAppDatabase();
  const { getDb } = await import("../db/server");
  const { getAuth } = await import("./server");
  const { createUser } = await import("../users/service");
  const db = await getDb();
  for (const email of ["alice@example.com", "bob@example.com", "carol@example.com"]) {
    await createUser(db, await getAuth(), { email, role: "support", password: PASSWORD });
  }
});

afterAll(async () => {
  const { getDb } = await import("../db/server");
  await (await getDb()).$disconnect();
  await database?.drop();
});

describe("sign-in throttling", () => {
  it("slows one address down after a few attempts a minute, with a retry time", async () => {
    const ip = "203.0.113.5";
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_MINUTE; i++) {
      expect((await attempt("alice@example.com", "wrong password!", ip)).status).toBe(401);
    }
    const limited = await attempt("alice@example.com", PASSWORD, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("x-retry-after"))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await attempt("alice@example.com", PASSWORD, "203.0.113.6")).status).toBe(200);
  });

  it("locks an account after repeated failures from any number of addresses", async () => {
    for (let i = 0; i < LOCKOUT_MAX_FAILURES; i++) {
      expect((await attempt("bob@example.com", "wrong password!", `192.0.2.${i + 1}`)).status).toBe(
        401,
      );
    }
    const locked = await attempt("bob@example.com", PASSWORD, "192.0.2.200");
    expect(locked.status).toBe(429);
    expect((await locked.json()).code).toBe("ACCOUNT_LOCKED");
    expect(locked.headers.get("retry-after")).toBeTruthy();
    // Other accounts still sign in.
    expect((await attempt("alice@example.com", PASSWORD, "192.0.2.201")).status).toBe(200);
  });

  it("lets no more than the allowed failures reach the password check, even in parallel", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        attempt("carol@example.com", "wrong password!", `198.51.100.${100 + i}`),
      ),
    );
    const checked = attempts.filter((r) => r.status === 401).length;
    expect(checked).toBeLessThanOrEqual(LOCKOUT_MAX_FAILURES);
    expect(attempts.filter((r) => r.status === 429).length).toBe(30 - checked);
  });

  it("exposes only sign-in, sign-out and session of Better Auth's endpoints", async () => {
    const { GET, POST } = await import("@/app/api/auth/[...all]/route");
    const adminCall = await POST(
      new Request(`${ORIGIN}/api/auth/admin/set-role`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ userId: "x", role: "admin" }),
      }),
    );
    expect(adminCall.status).toBe(404);
    expect((await GET(new Request(`${ORIGIN}/api/auth/admin/list-users`))).status).toBe(404);
    expect((await GET(new Request(`${ORIGIN}/api/auth/get-session`))).status).toBe(200);
  });

  it("refuses an oversized sign-in body with 413 before Better Auth reads it", async () => {
    const { POST } = await import("@/app/api/auth/[...all]/route");
    const response = await POST(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: ORIGIN,
          "x-forwarded-for": "203.0.113.99",
        },
        body: JSON.stringify({ email: "alice@example.com", password: "x".repeat(200_000) }),
      }),
    );
    expect(response.status).toBe(413);
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const { getDb } = await import("../db/server");
    for (let i = 0; i < 3; i++)
      await attempt("alice@example.com", "wrong password!", `198.51.100.${i + 1}`);
    expect(
      await (await getDb()).signInFailure.count({ where: { email: "alice@example.com" } }),
    ).toBe(3);
    expect((await attempt("alice@example.com", PASSWORD, "198.51.100.9")).status).toBe(200);
    expect(
      await (await getDb()).signInFailure.count({ where: { email: "alice@example.com" } }),
    ).toBe(0);
  });
});
