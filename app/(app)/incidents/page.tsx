import type { Metadata } from "next";

import { IncidentList } from "@/components/alerts/incident-list";
import { requireUser } from "@/lib/auth/page-session";
import { getDb } from "@/lib/db/server";
import { getMessages } from "@/lib/i18n/server";
import { listProjects } from "@/lib/projects/repository";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.nav.incidents };
}

export default async function IncidentsPage() {
  const user = await requireUser();
  const projects = await listProjects(await getDb());
  return <IncidentList projects={projects} user={user.email} role={user.role} />;
}
