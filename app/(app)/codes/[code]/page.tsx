import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { CodeDetail } from "@/components/catalog/code-detail";
import { CodeActivity, CodeInsights } from "@/components/dashboard/code-activity";
import { codeParams } from "@/lib/catalog/api-schemas";
import { getCode } from "@/lib/catalog/repository";
import { getDb } from "@/lib/db/server";
import { requireUser } from "@/lib/auth/page-session";
import { getMessages } from "@/lib/i18n/server";
import { listProjects } from "@/lib/projects/repository";

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
  const user = await requireUser();
  const [{ locale, t }, entry, projects] = await Promise.all([
    getMessages(),
    loadEntry(props),
    getDb().then(listProjects),
  ]);
  if (!entry) notFound();
  // The explanation beside the live activity (two columns on wide screens, one on phones).
  return (
    <>
      <div className="code-layout">
        <CodeDetail entry={entry} locale={locale} t={t} />
        <CodeActivity
          code={entry.code}
          summary={{
            code: entry.code,
            family: entry.family,
            known: entry.known,
            seedText: entry.seedText,
            title: entry.title,
            summary: entry.summary,
          }}
          projects={projects}
          user={user.email}
        />
      </div>
      <CodeInsights code={entry.code} projects={projects} user={user.email} />
    </>
  );
}
