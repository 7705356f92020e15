import { NotYet } from "@/components/ui/not-yet";
import { requireUser } from "@/lib/auth/page-session";
import { getMessages } from "@/lib/i18n/server";

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
