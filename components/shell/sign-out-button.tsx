"use client";

import { useRouter } from "next/navigation";

import { useI18n } from "@/components/providers";
import { authClient } from "@/lib/auth/client";

export function SignOutButton() {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <button
      type="button"
      className="button-quiet"
      onClick={async () => {
        await authClient.signOut();
        router.replace("/sign-in");
        router.refresh();
      }}
    >
      {t.auth.signOut}
    </button>
  );
}
