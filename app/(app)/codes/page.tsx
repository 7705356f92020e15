import type { Metadata } from "next";

import { CodeBrowser } from "@/components/catalog/code-browser";
import { listCodesQuery } from "@/lib/catalog/api-schemas";
import { listCodes } from "@/lib/catalog/repository";
import { getDb } from "@/lib/db/server";
import { requireUser } from "@/lib/auth/page-session";
import { getMessages } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.codes.title };
}

export default async function CodesPage(props: { searchParams: Promise<Record<string, string>> }) {
  const [, { t }] = await Promise.all([requireUser(), getMessages()]);
  // A bad ?category= in a shared link shows the whole catalogue instead of an error page.
  const parsed = listCodesQuery.safeParse(await props.searchParams);
  const search = {
    q: parsed.success ? (parsed.data.q ?? "") : "",
    category: parsed.success ? (parsed.data.category ?? "") : "",
  } as const;
  const data = await listCodes(await getDb(), {
    q: search.q,
    family: search.category || undefined,
  });
  return (
    <>
      <h1>{t.codes.title}</h1>
      <p className="lead">{t.codes.intro}</p>
      <CodeBrowser initial={{ search, data }} />
    </>
  );
}
