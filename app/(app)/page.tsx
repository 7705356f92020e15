import { NotYet } from "@/components/ui/not-yet";
import { requireUser } from "@/lib/auth/page-session";
import { getMessages } from "@/lib/i18n/server";

export default async function OverviewPage() {
  const [, { t }] = await Promise.all([requireUser(), getMessages()]);
  return (
    <NotYet
      heading={t.nav.overview}
      title={t.notYet.title}
      body={t.notYet.overview}
      linkLabel={t.notYet.goToCodes}
    />
  );
}
