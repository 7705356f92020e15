/** Logins made for this run by scripts/run-e2e.ts, and the stored sessions made from them. */
import path from "node:path";

export type E2eRole = "admin" | "ops" | "support";

export interface Login {
  email: string;
  role: E2eRole;
  password: string;
}

export function login(role: E2eRole): Login {
  const logins = JSON.parse(process.env.CW_E2E_LOGINS ?? "[]") as Login[];
  const found = logins.find((l) => l.role === role);
  if (!found) throw new Error("CW_E2E_LOGINS is not set: run the e2e tests with npm run test:e2e");
  return found;
}

export function storageStateOf(role: E2eRole): string {
  return path.join(import.meta.dirname, "..", ".auth", `${role}.json`);
}

/**
 * Every sign-in in the suite comes from 127.0.0.1, and sign-in is limited per address; tests
 * that sign in through the page say which (documentation-range) address they stand for.
 */
export function clientAddressHeader(n: number): Record<string, string> {
  return { "x-forwarded-for": `192.0.2.${n}` };
}
