import { NotYet } from "@/components/ui/not-yet";
import { getMessages } from "@/lib/i18n/server";

export default async function OverviewPage() {
  const { t } = await getMessages();
  return (
    <NotYet
      heading={t.nav.overview}
      title={t.notYet.title}
      body={t.notYet.overview}
      linkLabel={t.notYet.goToCodes}
    />
  );
}
