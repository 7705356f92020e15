import { NotYet } from "@/components/ui/not-yet";
import { getMessages } from "@/lib/i18n/server";

export default async function SettingsPage() {
  const { t } = await getMessages();
  return (
    <NotYet
      heading={t.nav.settings}
      title={t.notYet.title}
      body={t.notYet.settings}
      linkLabel={t.notYet.goToCodes}
    />
  );
}
