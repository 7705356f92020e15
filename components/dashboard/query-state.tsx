"use client";

import type { ReactNode } from "react";

import { useI18n } from "@/components/providers";

/**
 * What a panel shows around its data: a skeleton while the first answer loads, the server's own
 * reason and a retry button when it failed, then the content (kept while a refresh runs).
 */
export function QueryState(props: {
  /** What is loading, for the error line ("the chart"). */
  what: string;
  isPending: boolean;
  error: Error | null;
  retry: () => void;
  /** Height of the skeleton, px. */
  skeletonHeight?: number;
  children: ReactNode;
}) {
  const { t } = useI18n();
  if (props.isPending) {
    return (
      <div
        className="skeleton"
        style={{ height: props.skeletonHeight ?? 120 }}
        role="status"
        aria-label={t.dashboard.loading}
      />
    );
  }
  if (props.error) {
    return (
      <div className="query-error" role="alert">
        <p>{t.dashboard.failed(props.what, props.error.message)}</p>
        <button type="button" className="button-quiet" onClick={props.retry}>
          {t.dashboard.retry}
        </button>
      </div>
    );
  }
  return <>{props.children}</>;
}
