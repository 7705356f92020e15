import "server-only";

import { cookies, headers } from "next/headers";

import {
  isLocale,
  LOCALE_COOKIE,
  localeFromAcceptLanguage,
  messages,
  THEME_COOKIE,
  THEMES,
  type Locale,
  type Messages,
  type Theme,
} from "./messages";

/** The reader's language: the saved choice, else the browser's preference. */
export async function getLocale(): Promise<Locale> {
  const saved = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(saved)) return saved;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

export async function getMessages(): Promise<{ locale: Locale; t: Messages }> {
  const locale = await getLocale();
  return { locale, t: messages[locale] };
}

export async function getTheme(): Promise<Theme> {
  const saved = (await cookies()).get(THEME_COOKIE)?.value;
  return THEMES.find((theme) => theme === saved) ?? "system";
}
