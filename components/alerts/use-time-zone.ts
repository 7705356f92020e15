"use client";

import { useSyncExternalStore } from "react";

import { localTimeZone } from "@/lib/time/time-zone";

/** The viewer's own zone once mounted (the server does not know it), UTC before. */
export function useViewerTimeZone(): string {
  return useSyncExternalStore(
    () => () => {},
    () => localTimeZone(),
    () => "UTC",
  );
}
