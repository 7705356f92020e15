/** `users`, `projects` and `keys` commands. */
import { randomBytes } from "node:crypto";

import password from "@inquirer/password";
import type { Command } from "commander";

import { API_KEY_SCOPES, isRole, ROLES, type ApiKeyScope } from "../../lib/auth/constants";
import { createAuth, resolveAuthSecret } from "../../lib/auth/better-auth";
import { createPrismaClient, type Db } from "../../lib/db/client";
import {
  createApiKey,
  createProject,
  getProjectBySlug,
  revokeApiKey,
} from "../../lib/projects/repository";
import { createProjectBody } from "../../lib/projects/api-schemas";
import { createUserBody } from "../../lib/users/api-schemas";
import { createUser, findUserByEmail, setUserPassword } from "../../lib/users/service";
import { withDatabase } from "./database";
import { step } from "./log";

export async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  return withDatabase(async (url) => {
    const db = createPrismaClient(url, 2);
    try {
      return await work(db);
    } finally {
      await db.$disconnect();
    }
  });
}

export async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

function parseScopes(value: string): ApiKeyScope[] {
  const scopes = value.split(",").map((s) => s.trim());
  for (const scope of scopes) {
    if (!(API_KEY_SCOPES as readonly string[]).includes(scope)) {
      throw new Error(`unknown scope "${scope}"; use ${API_KEY_SCOPES.join(", ")}`);
    }
  }
  return scopes as ApiKeyScope[];
}

/** A password for a demo login: readable, 16 characters, random. */
export function demoPassword(): string {
  return randomBytes(12).toString("base64url");
}

/** Creates the demo users, or gives existing ones a fresh password; returns the logins. */
export async function ensureDemoAccounts(
  db: Db,
): Promise<{ email: string; role: string; password: string }[]> {
  const auth = createAuth(db, await resolveAuthSecret(db));
  const logins = [];
  for (const role of ROLES) {
    const email = `${role}@codewatch.local`;
    const secret = demoPassword();
    const existing = await findUserByEmail(db, email);
    if (existing) await setUserPassword(auth, db, existing.id, secret);
    else await createUser(db, auth, { email, role, password: secret, name: `Demo ${role}` });
    logins.push({ email, role, password: secret });
  }
  if (!(await getProjectBySlug(db, "demo")))
    await createProject(db, { slug: "demo", name: "Demo fleet", timeZone: "Asia/Shanghai" });
  return logins;
}

export function registerAccountCommands(program: Command): void {
  const users = program.command("users").description("manage users who sign in");
  users
    .command("create")
    .description(
      "create a user; the password is asked for, or read from stdin with --password-stdin",
    )
    .requiredOption("--email <email>", "email address, used to sign in")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--name <name>", "display name")
    .option("--password-stdin", "read the password from standard input")
    .action(
      async (options: { email: string; role: string; name?: string; passwordStdin?: boolean }) => {
        if (!isRole(options.role)) throw new Error(`--role must be one of ${ROLES.join(", ")}`);
        const secret = options.passwordStdin
          ? await readPasswordFromStdin()
          : await password({ message: `Password for ${options.email}:`, mask: "*" });
        const input = createUserBody.safeParse({
          email: options.email,
          role: options.role,
          name: options.name,
          password: secret,
        });
        if (!input.success) {
          throw new Error(
            input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
          );
        }
        await withDb(async (db) => {
          const user = await createUser(
            db,
            createAuth(db, await resolveAuthSecret(db)),
            input.data,
          );
          step(`users: created ${user.email} (${user.role})`);
          console.log(user.id);
        });
      },
    );

  const projects = program
    .command("projects")
    .description("manage projects (one per app or fleet)");
  projects
    .command("create")
    .argument("<slug>", "lower-case letters, digits and dashes, e.g. smartlife-android")
    .option("--name <name>", "display name")
    .description("create a project")
    .action((slug: string, options: { name?: string }) => {
      const input = createProjectBody.safeParse({ slug, name: options.name });
      if (!input.success)
        throw new Error(
          input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
        );
      return withDb(async (db) => {
        const project = await createProject(db, input.data);
        step(`projects: created ${project.slug}`);
        console.log(project.id);
      });
    });

  const keys = program.command("keys").description("manage API keys");
  keys
    .command("create")
    .description("create an API key; prints only the key on stdout (shown this once)")
    .requiredOption("--project <slug>", "the project the key belongs to")
    .requiredOption("--scopes <scopes>", `comma-separated: ${API_KEY_SCOPES.join(",")}`)
    .option("--name <name>", "what the key is for")
    .action((options: { project: string; scopes: string; name?: string }) =>
      withDb(async (db) => {
        const created = await createApiKey(db, {
          projectSlug: options.project,
          scopes: parseScopes(options.scopes),
          name: options.name,
          createdBy: "cli",
        });
        step(
          `keys: created ${created.displayPrefix}… (${created.scopes.join(",")}) for ${created.project}`,
        );
        console.log(created.key);
      }),
    );
  keys
    .command("revoke")
    .argument("<id>", "the key's id, or the prefix shown in lists")
    .description("revoke an API key; it stops working at once")
    .action((id: string) =>
      withDb(async (db) => {
        const revoked = await revokeApiKey(db, id);
        step(`keys: revoked ${revoked.displayPrefix}… of ${revoked.project}`);
      }),
    );
}
