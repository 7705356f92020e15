"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";

import { useI18n } from "@/components/providers";
import type { CodeListDto } from "@/lib/catalog/dto";
import { CODE_FAMILIES, type CodeFamily } from "@/lib/catalog/types";

import { searchParamsFor, useCodeSearch, type CodeSearch } from "./queries";
import { useDebounced } from "./use-debounced";

const SEARCH_DELAY_MS = 200;

export function CodeBrowser({ initial }: { initial: { search: CodeSearch; data: CodeListDto } }) {
  const { locale, t } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const [q, setQ] = useState(initial.search.q);
  const [category, setCategory] = useState<CodeSearch["category"]>(initial.search.category);
  const search = { q: useDebounced(q, SEARCH_DELAY_MS), category };
  const { data, isError, isFetching } = useCodeSearch(search, initial);

  // Keep the search in the address bar, so it can be shared and survives a reload.
  const query = searchParamsFor(search).toString();
  useEffect(() => {
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }, [query, pathname, router]);

  const codes = data?.codes ?? [];
  return (
    <>
      <search>
        <form className="search-bar" role="search" onSubmit={(e) => e.preventDefault()}>
          <label className="field field-grow">
            {t.codes.searchLabel}
            <input
              type="search"
              name="q"
              value={q}
              autoComplete="off"
              placeholder={t.codes.searchPlaceholder}
              onChange={(e) => setQ(e.target.value)}
            />
          </label>
          <label className="field">
            {t.codes.familyLabel}
            <select
              name="category"
              value={category}
              onChange={(e) => setCategory(e.target.value as CodeSearch["category"])}
            >
              <option value="">{t.codes.allFamilies}</option>
              {[...CODE_FAMILIES, "unknown" as const].map((family) => (
                <option key={family} value={family}>
                  {t.family[family]}
                </option>
              ))}
            </select>
          </label>
        </form>
      </search>
      <p className="result-count" role="status" aria-live="polite" aria-busy={isFetching}>
        {isError
          ? t.codes.error
          : codes.length === 0
            ? t.codes.noResults
            : t.codes.results(codes.length)}
      </p>
      <ul className="code-list" aria-label={t.codes.title}>
        {codes.map((code) => (
          <li key={code.code}>
            <Link className="code-card" href={`/codes/${code.code}`}>
              <span className="code-number">{code.code}</span>
              <span className="code-title">
                {code.known ? code.title[locale] : t.codes.unknownCode}
                <span className={code.known ? "badge" : "badge badge-unknown"}>
                  {t.family[code.family as CodeFamily | "unknown"]}
                </span>
              </span>
              <span className="code-meta">
                {locale === "en" && code.known ? `${code.seedText} · ` : ""}
                {code.summary[locale]}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
