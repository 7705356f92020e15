"use client";

import { useI18n } from "@/components/providers";
import { LOCALE_COOKIE } from "@/lib/i18n/messages";

import { PreferenceSwitch } from "./preference-switch";

export function LocaleSwitch() {
  const { locale, t } = useI18n();
  return (
    <PreferenceSwitch
      legend={t.language.label}
      cookie={LOCALE_COOKIE}
      current={locale}
      refresh
      options={[
        { value: "zh", label: t.language.zh },
        { value: "en", label: t.language.en },
      ]}
    />
  );
}
