/** Signs each role in once and stores its session, so tests start signed in (storageState). */
import { mkdir } from "node:fs/promises";
import path from "node:path";

import { request, type FullConfig } from "@playwright/test";

import { clientAddressHeader, login, storageStateOf, type E2eRole } from "./support/logins";

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]!.use.baseURL!;
  const roles: E2eRole[] = ["admin", "ops", "support"];
  for (const [index, role] of roles.entries()) {
    const context = await request.newContext({
      baseURL,
      extraHTTPHeaders: { origin: baseURL, ...clientAddressHeader(100 + index) },
    });
    const { email, password } = login(role);
    const response = await context.post("/api/auth/sign-in/email", { data: { email, password } });
    if (!response.ok()) throw new Error(`sign-in of ${role} failed: ${response.status()}`);
    await mkdir(path.dirname(storageStateOf(role)), { recursive: true });
    await context.storageState({ path: storageStateOf(role) });
    await context.dispose();
  }
}
