import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { SignInForm } from "@/components/auth/sign-in-form";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { safeNextPath } from "@/lib/auth/next-path";
import { getSessionUser } from "@/lib/auth/server";
import { getMessages } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.auth.submit };
}

export default async function SignInPage(props: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await props.searchParams;
  if (await getSessionUser(await headers())) redirect(safeNextPath(next));
  return (
    <main id="main" className="sign-in-page">
      <div className="sign-in-locale">
        <LocaleSwitch />
      </div>
      <SignInForm next={next} />
    </main>
  );
}
