import type { Metadata } from "next";

import { AlertingPage } from "@/components/alerts/alerting-page";
import { requireUser } from "@/lib/auth/page-session";
import { getDb } from "@/lib/db/server";
import { getMessages } from "@/lib/i18n/server";
import { listProjects } from "@/lib/projects/repository";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.alerts.channels };
}

export default async function ChannelsPage() {
  const user = await requireUser();
  const projects = await listProjects(await getDb());
  return <AlertingPage section="channels" projects={projects} user={user.email} role={user.role} />;
}
