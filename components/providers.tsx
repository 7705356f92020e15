"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, useContext, useState, type ReactNode } from "react";

import { messages, type Locale, type Messages } from "@/lib/i18n/messages";

const LocaleContext = createContext<Locale>("zh");

/** The reader's language and its interface strings, in client components. */
export function useI18n(): { locale: Locale; t: Messages } {
  const locale = useContext(LocaleContext);
  return { locale, t: messages[locale] };
}

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  // One client per browser tab; created in state so a re-render never replaces it.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>
    </QueryClientProvider>
  );
}
