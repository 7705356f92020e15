"use client";

import { useState } from "react";

import { useI18n } from "@/components/providers";
import { THEME_COOKIE, type Theme } from "@/lib/i18n/messages";

import { PreferenceSwitch } from "./preference-switch";

export function ThemeSwitch({ initial }: { initial: Theme }) {
  const { t } = useI18n();
  const [theme, setTheme] = useState<Theme>(initial);
  return (
    <PreferenceSwitch
      legend={t.theme.label}
      cookie={THEME_COOKIE}
      current={theme}
      // Applied at once on <html>; the cookie makes the server render it from the next request on.
      onApply={(value) => {
        setTheme(value);
        document.documentElement.dataset.theme = value;
      }}
      options={[
        { value: "system", label: t.theme.system },
        { value: "light", label: t.theme.light },
        { value: "dark", label: t.theme.dark },
      ]}
    />
  );
}
