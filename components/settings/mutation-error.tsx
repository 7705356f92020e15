"use client";

import { useI18n } from "@/components/providers";

export function MutationError({ error }: { error: Error | null }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p role="alert" className="form-error">
      {t.settings.error}: {error.message}
    </p>
  );
}
