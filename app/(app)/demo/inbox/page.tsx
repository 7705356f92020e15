import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { InboxList } from "@/components/demo/inbox-list";
import { requireUser } from "@/lib/auth/page-session";
import { inboxEnabled } from "@/lib/demo/inbox";
import { getMessages } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.alerts.inbox.title };
}

/** What the demo's webhook channel received (only in `npm run demo`; elsewhere not found). */
export default async function DemoInboxPage() {
  await requireUser();
  if (!inboxEnabled()) notFound();
  return <InboxList />;
}
