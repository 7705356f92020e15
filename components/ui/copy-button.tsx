"use client";

import { useState } from "react";

import { useI18n } from "@/components/providers";

/**
 * Copies `text` and says beside the button whether it worked (a status region, so a screen
 * reader hears it too). The clipboard exists only on https and localhost, and a browser may
 * refuse it: then it says to copy by hand instead of claiming it copied. `what` names what is
 * copied for those who cannot see where the button stands.
 */
export function CopyButton({ text, what }: { text: string; what?: string }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<"copied" | "failed">();
  return (
    <span className="copy-button">
      <button
        type="button"
        className="button-quiet"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setOutcome("copied");
          } catch {
            setOutcome("failed");
          }
        }}
      >
        {t.copy.copy}
        {what && <span className="visually-hidden"> {what}</span>}
      </button>
      <span role="status" className="muted">
        {outcome && t.copy[outcome]}
      </span>
    </span>
  );
}
