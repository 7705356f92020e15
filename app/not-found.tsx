import type { Metadata } from "next";
import Link from "next/link";

import { NotFoundPage } from "@/components/shell/not-found-page";
import { getMessages } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.notFoundPage.title };
}

/**
 * Every address no route serves (404). It stands outside the signed-in shell: Next.js renders it
 * under the root layout alone, and checking the session here would cost a query on every page,
 * which all carry this component.
 */
export default async function NotFound() {
  const { t } = await getMessages();
  return (
    <>
      <header className="shell-header">
        <Link className="brand" href="/">
          {t.appName}
        </Link>
      </header>
      <main id="main">
        <NotFoundPage t={t} />
      </main>
    </>
  );
}
