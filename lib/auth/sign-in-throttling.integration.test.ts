import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ORIGIN, startAppDatabase } from "@/test/support/app";
import type { ScratchDatabase } from "@/test/support/database";

import { ADDRESS_MAX_FAILURES, LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_SECONDS } from "./lockout";

const PASSWORD = "correct horse battery";
/** Ten colleagues behind one office address. */
const TEAM = Array.from({ length: 10 }, (_, i) => `team${i + 1}@example.com`);
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
  for (const email of ["alice@example.com", "bob@example.com", "carol@example.com", ...TEAM]) {
    await createUser(db, await getAuth(), { email, role: "support", password: PASSWORD });
  }
});

afterAll(async () => {
  const { getDb } = await import("../db/server");
  await (await getDb()).$disconnect();
  await database?.drop();
});

describe("sign-in throttling", () => {
  it("lets ten people sign in from one address within a minute", async () => {
    for (const email of TEAM) {
      expect((await attempt(email, PASSWORD, "203.0.113.10")).status).toBe(200);
    }
  });

  it("lets people sign in at once from an address near its failure limit", async () => {
    const ip = "203.0.113.11";
    for (let i = 0; i < ADDRESS_MAX_FAILURES - 5; i++) {
      expect((await attempt(`typo${i}@example.com`, "wrong password!", ip)).status).toBe(401);
    }
    // Five places left, ten sign-ins in flight together: those beyond five wait for the others
    // to succeed instead of being refused.
    const signIns = await Promise.all(TEAM.map((email) => attempt(email, PASSWORD, ip)));
    expect(signIns.map((r) => r.status)).toEqual(TEAM.map(() => 200));
  });

  it("slows down one address failing on many accounts (password spraying), with a retry time", async () => {
    const ip = "203.0.113.5";
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      const email = i % 2 ? `nobody${i}@example.com` : TEAM[i % TEAM.length]!;
      expect((await attempt(email, "Summer2026!!", ip)).status).toBe(401);
    }
    const limited = await attempt("alice@example.com", "Summer2026!!", ip);
    expect(limited.status).toBe(429);
    expect((await limited.json()).code).toBe("TOO_MANY_FAILED_SIGN_INS");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOCKOUT_WINDOW_SECONDS);
    // Even the right password is refused there, or the address could go on guessing.
    expect((await attempt("alice@example.com", PASSWORD, ip)).status).toBe(429);
    // Another address, and the accounts tried, are not affected.
    expect((await attempt("alice@example.com", PASSWORD, "203.0.113.6")).status).toBe(200);
    expect((await attempt(TEAM[0]!, PASSWORD, "203.0.113.6")).status).toBe(200);
  });

  it("lets no more than the allowed failures from one address reach the password check, even in parallel", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        attempt(`sprayed${i}@example.com`, "Summer2026!!", "203.0.113.7"),
      ),
    );
    expect(attempts.filter((r) => r.status === 401).length).toBe(ADDRESS_MAX_FAILURES);
    const refused = attempts.filter((r) => r.status === 429);
    expect(refused.length).toBe(30 - ADDRESS_MAX_FAILURES);
    expect(refused.every((r) => Number(r.headers.get("retry-after")) > 0)).toBe(true);
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
    const failures = await (
      await getDb()
    ).signInFailure.findMany({
      where: { email: "alice@example.com" },
      select: { address: true, failedAt: true },
      orderBy: { attemptedAt: "asc" },
    });
    expect(failures.map((f) => f.address)).toEqual([
      "198.51.100.1",
      "198.51.100.2",
      "198.51.100.3",
    ]);
    expect(failures.every((f) => f.failedAt !== null)).toBe(true);
    expect((await attempt("alice@example.com", PASSWORD, "198.51.100.9")).status).toBe(200);
    expect(
      await (await getDb()).signInFailure.count({ where: { email: "alice@example.com" } }),
    ).toBe(0);
  });
});
