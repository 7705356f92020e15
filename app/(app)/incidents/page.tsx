import type { Metadata } from "next";

import { NotYet } from "@/components/ui/not-yet";
import { requireUser } from "@/lib/auth/page-session";
import { getMessages } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.nav.incidents };
}

export default async function IncidentsPage() {
  const [, { t }] = await Promise.all([requireUser(), getMessages()]);
  return (
    <NotYet
      heading={t.nav.incidents}
      title={t.notYet.title}
      body={t.notYet.incidents}
      linkLabel={t.notYet.goToCodes}
    />
  );
}
