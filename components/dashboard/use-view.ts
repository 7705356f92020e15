"use client";

/**
 * The dashboard's view, read from and written to the URL (view-state.ts): a change pushes a new
 * history entry, so back and forward step through views, and a link or a reload restores one.
 * The project, when the URL names none, is the one this browser last showed to this user, else
 * the first; the time zone, when it names none, is the viewer's own.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useSyncExternalStore } from "react";

import { localTimeZone } from "@/lib/time/time-zone";

import { parseView, serializeView, type DashboardView } from "./view-state";

const rememberedKey = (user: string) => `codewatch.project.${user}`;

function remembered(user: string): string | null {
  try {
    return window.localStorage.getItem(rememberedKey(user));
  } catch {
    return null;
  }
}

/** The viewer's zone once mounted (the server does not know it), UTC before. */
function useLocalTimeZone(): string {
  return useSyncExternalStore(
    () => () => {},
    () => localTimeZone(),
    () => "UTC",
  );
}

export function useView(projects: string[], user: string) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const localZone = useLocalTimeZone();
  const query = params.toString();
  const view = useMemo(() => {
    const parsed = parseView(new URLSearchParams(query), projects[0] ?? "");
    if (!new URLSearchParams(query).get("project") && typeof window !== "undefined") {
      const saved = remembered(user);
      if (saved && projects.includes(saved)) parsed.project = saved;
    }
    return parsed;
  }, [query, projects, user]);

  useEffect(() => {
    if (!view.project) return;
    try {
      window.localStorage.setItem(rememberedKey(user), view.project);
    } catch {
      // Private windows may refuse storage: the URL still carries the project.
    }
  }, [view.project, user]);

  const change = useCallback(
    (next: Partial<DashboardView>) => {
      const merged = { ...view, ...next };
      router.push(`${pathname}?${serializeView(merged)}`, { scroll: false });
    },
    [view, router, pathname],
  );

  return { view, change, timeZone: view.tz ?? localZone, localTimeZone: localZone };
}
