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

/**
 * Folds the stored text and queries alike, so they compare equal however an agent types them:
 * - case, and full-width ASCII typed on a Chinese keyboard (ＷｉＦｉ → wifi);
 * - a hyphen between two letters (Wi-Fi = WiFi = wifi);
 * - a space, hyphen or underscore between a number and its band (5 GHz = 5-GHz = 5GHz, 2.4G);
 * - no space between Latin and Chinese (wifi密码 = wifi 密码), as Chinese words have none;
 * - runs of white space, so each folded field is one line of the stored text.
 * Each rule looks only at a few characters around the spot it changes, so a Chinese phrase or
 * a log pattern folds alone as it does inside a longer text and still matches by substring.
 * Dots, and underscores between letters, are kept: they belong to class names, hosts and
 * placeholders (okhttp3.internal, time_appconnect).
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2010\u2011]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/(?<=\d)[ _-]+(?=(?:ghz|mhz|g)(?![a-z]))/g, "")
    .replace(/(?<=[a-z])-(?=[a-z])/g, "")
    .replace(/(?<=[a-z\d])(?=\p{Script=Han})|(?<=\p{Script=Han})(?=[a-z\d])/gu, " ");
}

/**
 * Words a support agent uses for one thing, each group in every spelling worth typing. The
 * catalogue writes Wi-Fi, WLAN, 配网 / pairing, 路由器 / router and 密码 / password; agents also type
 * 无线, 无线网 and 配对. (Bluetooth is missing on purpose: no entry is about it.)
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ["Wi-Fi", "WLAN", "无线", "无线网", "无线网络"],
  ["配网", "配对", "pairing"],
  ["路由器", "router"],
  ["密码", "password"],
].map((group) => group.map(normalizeForSearch));

/**
 * The synonyms of the words `text` mentions that it does not already contain (the words are
 * long and distinctive enough to be looked for as plain substrings).
 */
function missingSynonyms(text: string): string[] {
  return SYNONYMS.filter((group) => group.some((word) => text.includes(word))).flatMap((group) =>
    group.filter((word) => !text.includes(word)),
  );
}

function withSynonyms(text: string): string {
  return [text, ...missingSynonyms(text)].join(" ");
}

/**
 * The lines of the stored text that the search ranks by (1-based, for SQL's split_part): the
 * code's own text (number, seed text, titles, and their synonyms) and its seed text alone. A
 * code seen only in telemetry stores its number alone, which fits: its own text is the number.
 */
export const SEARCH_TEXT_LINE = { ownText: 1, seedText: 2 } as const;

/**
 * The code's own text and its seed text (SEARCH_TEXT_LINE), then every other field folded on a
 * line of its own, then the synonyms of what the entry mentions. Synonyms are stored, not added
 * to queries, so "无线" finds an entry that says Wi-Fi and Chinese still matches by substring.
 */
export function buildSearchText(entry: CatalogEntry): string {
  const ownText = normalizeForSearch(
    [String(entry.code), entry.seedText, ...both(entry.title)].join(" "),
  );
  const rest = [
    entry.family,
    entry.seedAnalysis ?? "",
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
  ]
    .map(normalizeForSearch)
    .filter(Boolean);
  const lines = [withSynonyms(ownText), normalizeForSearch(entry.seedText), ...rest];
  return [...lines, missingSynonyms(lines.join("\n")).join(" ")].filter(Boolean).join("\n");
}

/** Chinese synonyms, longest first: where a query run of Chinese may be cut into words. */
const CHINESE_WORDS = new RegExp(
  `(${SYNONYMS.flat()
    .filter((word) => /\p{Script=Han}/u.test(word))
    .sort((a, b) => b.length - a.length)
    .join("|")})`,
  "u",
);

/** The folded words of a query, at most 8; a pasted log line is matched as these joined. */
export function queryWords(q: string | undefined): string[] {
  return q ? normalizeForSearch(q).split(" ").filter(Boolean).slice(0, 8) : [];
}

/**
 * The pieces of one query word that must each appear in the stored text. A word is cut around
 * a Chinese synonym (无线密码 → 无线, 密码: the catalogue says "Wi-Fi 密码") and between letters
 * and a following number (android7 → android, 7, as the catalogue writes "Android 7"). Cutting
 * only ever finds more: every piece of a word that appears also appears.
 */
export function queryWordPieces(word: string): string[] {
  return word
    .split(CHINESE_WORDS)
    .flatMap((piece) => piece.split(/(?<=[a-z])[_-]*(?=\d)/))
    .filter(Boolean);
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
