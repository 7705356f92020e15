import type { Metadata } from "next";
import type { ReactNode } from "react";

import { Providers } from "@/components/providers";
import { getLocale, getTheme } from "@/lib/i18n/server";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "codewatch", template: "%s · codewatch" },
  description: "Error-code diagnostics for the app fleet",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, theme] = await Promise.all([getLocale(), getTheme()]);
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"} data-theme={theme}>
      <body>
        <Providers locale={locale}>{children}</Providers>
      </body>
    </html>
  );
}
