/**
 * The text a catalogue search looks through, built once per entry at seed time: the number,
 * the seed text, both languages of every field, and the exception classes and messages (both
 * the fully qualified class and its simple name, so "SSLHandshakeException" matches
 * "javax.net.ssl.SSLHandshakeException").
 */
import type { Bilingual, CatalogEntry } from "./types";

function both(text: Bilingual | undefined): string[] {
  return text ? [text.zh, text.en] : [];
}

export function buildSearchText(entry: CatalogEntry): string {
  const parts = [
    String(entry.code),
    entry.family,
    entry.seedText,
    entry.seedAnalysis ?? "",
    ...both(entry.title),
    ...both(entry.summary),
    ...entry.causes.flatMap((c) => [...both(c.title), ...both(c.detail), ...both(c.howToTell)]),
    ...both(entry.supportAdvice),
    ...entry.opsChecks.flatMap(both),
    ...both(entry.escalateWhen),
    ...(entry.exceptions ?? []).flatMap((e) => [
      e.className,
      e.className.split(".").pop() ?? "",
      e.message,
      ...both(e.note),
    ]),
  ];
  return normalizeForSearch(parts.filter(Boolean).join("\n"));
}

/**
 * Lower-cases and folds full-width ASCII (Ｓ → s) so a query typed on a Chinese keyboard
 * matches; the same function is applied to queries.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** Patterns shorter than this would match too much ("timeout" is the shortest we keep). */
const MIN_PATTERN_LENGTH = 7;

/**
 * What a pasted log line is matched against: each exception class (qualified and simple) and
 * the literal start of each message shape, up to its first <placeholder>. So
 * `Unable to resolve host "a1.example.com": No address associated with hostname` finds 50504
 * although the host in it appears nowhere in the catalogue.
 */
export function buildLogPatterns(entry: CatalogEntry): string[] {
  const patterns = (entry.exceptions ?? []).flatMap((e) => [
    e.className,
    e.className.split(".").pop() ?? "",
    e.message.split("<")[0]!.replace(/^[\s"'(]+|[\s"'(:]+$/g, ""),
  ]);
  return [...new Set(patterns.map(normalizeForSearch))]
    .filter((p) => p.length >= MIN_PATTERN_LENGTH)
    .sort();
}
