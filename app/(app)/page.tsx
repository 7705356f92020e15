import type { Metadata } from "next";

import { Overview } from "@/components/dashboard/overview";
import { requireUser } from "@/lib/auth/page-session";
import { getDb } from "@/lib/db/server";
import { getMessages } from "@/lib/i18n/server";
import { listProjects } from "@/lib/projects/repository";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.nav.overview };
}

export default async function OverviewPage() {
  const user = await requireUser();
  const projects = await listProjects(await getDb());
  return <Overview projects={projects} user={user.email} />;
}
