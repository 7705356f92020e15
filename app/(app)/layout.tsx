import type { ReactNode } from "react";

import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/page-session";
import { inboxEnabled } from "@/lib/demo/inbox";
import { getMessages, getTheme } from "@/lib/i18n/server";

import "../dashboard.css";

/**
 * Every page in this group needs a signed-in user. Each page checks again itself: a client-side
 * navigation can render a page without re-running this layout.
 */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const [{ t }, theme] = await Promise.all([getMessages(), getTheme()]);
  return (
    <AppShell
      t={t}
      theme={theme}
      user={{ email: user.email, role: user.role }}
      demoInbox={inboxEnabled()}
    >
      {children}
    </AppShell>
  );
}
