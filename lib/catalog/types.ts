/**
 * The shape of one code-catalogue entry. The data files under lib/catalog/data/ hold one array
 * of these per family; the seed command writes them to the CatalogCode table.
 */

/** Text a person reads, always in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

export const CODE_FAMILIES = [
  "general",
  "pairing",
  "account",
  "firmware",
  "device",
  "command",
  "protocol",
  "network",
] as const;

export type CodeFamily = (typeof CODE_FAMILIES)[number];

/** One likely cause of a code, with the evidence that tells it apart from the others. */
export interface CodeCause {
  /** Short label, e.g. "Server certificate expired". */
  title: Bilingual;
  /** What happens and why it produces this code. */
  detail: Bilingual;
  /** How to tell this cause apart: onset, hosts, Android levels, messages, other signals. */
  howToTell?: Bilingual;
}

/** An exception class and message shape that the SDK turns into this code (network codes). */
export interface ExceptionShape {
  /** Fully qualified Java class, e.g. "javax.net.ssl.SSLHandshakeException". */
  className: string;
  /** The message as it appears in logs, with <placeholders>, e.g. 'Unable to resolve host "<host>": ...'. */
  message: string;
  /** When and where this shape appears (Android level, OkHttp path, cause chain). */
  note?: Bilingual;
}

export interface CatalogEntry {
  code: number;
  family: CodeFamily;
  /** The seed table's 描述 (or, for network codes, 错误信息) cell, character for character. */
  seedText: string;
  /** The seed table's 错误原因分析 cell for network codes, character for character; absent when empty. */
  seedAnalysis?: string;
  /** A short title in each language (zh may equal seedText when that already reads well). */
  title: Bilingual;
  /** A plain explanation: what the code means, for someone who is not an Android engineer. */
  summary: Bilingual;
  causes: CodeCause[];
  /** What support should tell the user, in words a user understands. */
  supportAdvice: Bilingual;
  /** What ops / on-call should check, one item per entry. */
  opsChecks: Bilingual[];
  /** When support should escalate to ops or engineering. */
  escalateWhen?: Bilingual;
  relatedCodes: number[];
  exceptions?: ExceptionShape[];
}
