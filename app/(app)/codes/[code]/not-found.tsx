import Link from "next/link";

import { getMessages } from "@/lib/i18n/server";

export default async function CodeNotFound() {
  const { t } = await getMessages();
  return (
    <>
      <h1>{t.code.notFound}</h1>
      <p>
        <Link href="/codes">{t.code.back}</Link>
      </p>
    </>
  );
}
