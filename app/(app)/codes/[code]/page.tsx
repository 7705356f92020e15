import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { CodeDetail } from "@/components/catalog/code-detail";
import { codeParams } from "@/lib/catalog/api-schemas";
import { getCode } from "@/lib/catalog/repository";
import { getDb } from "@/lib/db/server";
import { requireUser } from "@/lib/auth/page-session";
import { getMessages } from "@/lib/i18n/server";

interface Props {
  params: Promise<{ code: string }>;
}

async function loadEntry(props: Props) {
  const parsed = codeParams.safeParse(await props.params);
  if (!parsed.success) return undefined;
  return getCode(await getDb(), parsed.data.code);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { code } = await props.params;
  return { title: code };
}

export default async function CodePage(props: Props) {
  await requireUser();
  const [{ locale, t }, entry] = await Promise.all([getMessages(), loadEntry(props)]);
  if (!entry) notFound();
  return <CodeDetail entry={entry} locale={locale} t={t} />;
}
