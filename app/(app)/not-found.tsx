import { NotFoundPage } from "@/components/shell/not-found-page";
import { getMessages } from "@/lib/i18n/server";

/** notFound() in a signed-in page: the same page as app/not-found.tsx, inside the shell. */
export default async function SignedInNotFound() {
  const { t } = await getMessages();
  return <NotFoundPage t={t} />;
}
