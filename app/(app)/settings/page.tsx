import type { Metadata } from "next";

import { SettingsPage } from "@/components/settings/settings-page";
import { requireUser } from "@/lib/auth/page-session";
import { getDb } from "@/lib/db/server";
import { getMessages } from "@/lib/i18n/server";
import { listProjects } from "@/lib/projects/repository";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.settings.title };
}

export default async function Settings() {
  const [user, { t }] = await Promise.all([requireUser(), getMessages()]);
  if (user.role !== "admin") {
    return (
      <>
        <h1>{t.forbidden.title}</h1>
        <p>{t.forbidden.detail}</p>
      </>
    );
  }
  const projects = await listProjects(await getDb());
  return <SettingsPage firstProject={projects[0]?.slug} />;
}
