"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { useI18n } from "@/components/providers";
import { authClient } from "@/lib/auth/client";
import { safeNextPath } from "@/lib/auth/next-path";
import type { Messages } from "@/lib/i18n/messages";

interface SignInError {
  status?: number;
  code?: string;
}

function errorMessage(
  t: Messages,
  error: SignInError,
  retryAfterSeconds: number | undefined,
): string {
  if (error.code === "ACCOUNT_LOCKED") return t.auth.locked;
  if (error.status === 429) return t.auth.throttled(retryAfterSeconds ?? 60);
  if (error.code === "BANNED_USER") return t.auth.disabled;
  if (error.status === 401 || error.status === 400) return t.auth.invalid;
  return t.auth.failed;
}

export function SignInForm({ next }: { next?: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    let retryAfter: number | undefined;
    const result = await authClient.signIn.email(
      { email: String(form.get("email")), password: String(form.get("password")) },
      {
        onError: ({ response }) => {
          retryAfter =
            Number(response.headers.get("x-retry-after") ?? response.headers.get("retry-after")) ||
            undefined;
        },
      },
    );
    setPending(false);
    if (result.error) {
      setError(errorMessage(t, result.error, retryAfter));
      return;
    }
    router.replace(safeNextPath(next));
    router.refresh();
  }

  return (
    <form
      className="panel sign-in-form"
      onSubmit={onSubmit}
      aria-describedby={error ? "sign-in-error" : undefined}
    >
      <h1>{t.auth.title}</h1>
      <label className="field">
        {t.auth.email}
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label className="field">
        {t.auth.password}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p id="sign-in-error" role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={pending}>
        {pending ? t.auth.submitting : t.auth.submit}
      </button>
    </form>
  );
}
