import { NotYet } from "@/components/ui/not-yet";
import { getMessages } from "@/lib/i18n/server";

export default async function IncidentsPage() {
  const { t } = await getMessages();
  return (
    <NotYet
      heading={t.nav.incidents}
      title={t.notYet.title}
      body={t.notYet.incidents}
      linkLabel={t.notYet.goToCodes}
    />
  );
}
