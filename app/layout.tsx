import type { Metadata } from "next";
import type { ReactNode } from "react";

import { Providers } from "@/components/providers";
import { AppShell } from "@/components/shell/app-shell";
import { getMessages, getTheme } from "@/lib/i18n/server";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "codewatch", template: "%s · codewatch" },
  description: "Error-code diagnostics for the app fleet",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getMessages();
  const theme = await getTheme();
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"} data-theme={theme}>
      <body>
        <Providers locale={locale}>
          <AppShell t={t} theme={theme}>
            {children}
          </AppShell>
        </Providers>
      </body>
    </html>
  );
}
