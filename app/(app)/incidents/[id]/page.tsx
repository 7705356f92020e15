import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { IncidentPage } from "@/components/alerts/incident-page";
import { incidentParams } from "@/lib/alerts/api-schemas";
import { getIncident } from "@/lib/alerts/incident-reads";
import { requireUser } from "@/lib/auth/page-session";
import { getDb } from "@/lib/db/server";
import { NotFoundError } from "@/lib/errors";
import { getMessages } from "@/lib/i18n/server";

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.nav.incidents };
}

/** The incident as it is now, rendered on the server; the page keeps it current itself. */
async function load(props: Props) {
  const parsed = incidentParams.safeParse(await props.params);
  if (!parsed.success) return undefined;
  try {
    return await getIncident(await getDb(), parsed.data.id);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

export default async function IncidentRoute(props: Props) {
  const user = await requireUser();
  const incident = await load(props);
  if (!incident) notFound();
  return <IncidentPage id={incident.id} role={user.role} initial={incident} />;
}
