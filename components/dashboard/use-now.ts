"use client";

import { useEffect, useState } from "react";

/**
 * The current time, moved forward every `everyMs` while the page is open, so a live view's
 * window ends now without reading the clock during render.
 */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
