import Link from "next/link";

import type { Messages } from "@/lib/i18n/messages";

/** What an address that leads nowhere shows, in or out of the signed-in shell. */
export function NotFoundPage({ t }: { t: Messages }) {
  return (
    <>
      <h1>{t.notFoundPage.title}</h1>
      <p className="lead">{t.notFoundPage.detail}</p>
      <ul className="not-found-links">
        <li>
          <Link href="/">{t.notFoundPage.home}</Link>
        </li>
        <li>
          <Link href="/codes">{t.notFoundPage.catalogue}</Link>
        </li>
      </ul>
    </>
  );
}
