"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

/** Saves a preference in a cookie for a year. */
function savePreference(cookie: string, value: string) {
  document.cookie = `${cookie}=${value}; path=/; max-age=31536000; samesite=lax`;
}

interface Option<T extends string> {
  value: T;
  label: string;
}

/**
 * A group of toggle buttons that saves its choice in a cookie. The server reads the cookie, so
 * the next render (and every later visit) comes in the chosen language or theme.
 */
export function PreferenceSwitch<T extends string>(props: {
  legend: string;
  cookie: string;
  current: T;
  options: Option<T>[];
  onApply?: (value: T) => void;
  refresh?: boolean;
}) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  return (
    <fieldset className="segmented">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={option.value === props.current}
          onClick={() => {
            savePreference(props.cookie, option.value);
            props.onApply?.(option.value);
            if (props.refresh) startTransition(() => router.refresh());
          }}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}
