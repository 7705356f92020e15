/**
 * The catalogue in the database: seeding it from lib/catalog/data, searching it, reading one
 * entry. Every function takes the database client, so the app, the CLI and the tests share them.
 */
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import type { Prisma } from "../db/generated/client";
import type { CodeDetailDto, CodeListDto, CodeSummaryDto } from "./dto";
import { catalogEntries } from "./entries";
import {
  buildLogPatterns,
  buildSearchText,
  queryWordPieces,
  queryWords,
  SEARCH_TEXT_LINE,
} from "./search-text";
import type { Bilingual, CatalogEntry, CodeFamily } from "./types";

/** The JSON kept in CatalogCode.content: everything the table has no column for. */
type StoredContent = Omit<
  CatalogEntry,
  "code" | "family" | "seedText" | "seedAnalysis" | "relatedCodes"
>;

function toStoredContent(entry: CatalogEntry): StoredContent {
  return {
    title: entry.title,
    summary: entry.summary,
    causes: entry.causes,
    supportAdvice: entry.supportAdvice,
    opsChecks: entry.opsChecks,
    ...(entry.escalateWhen ? { escalateWhen: entry.escalateWhen } : {}),
    ...(entry.exceptions ? { exceptions: entry.exceptions } : {}),
  };
}

function rowFor(entry: CatalogEntry) {
  const content = toStoredContent(entry);
  const searchText = buildSearchText(entry);
  return {
    code: entry.code,
    family: entry.family,
    known: true,
    seedText: entry.seedText,
    seedAnalysis: entry.seedAnalysis ?? null,
    // Plain JSON data (strings and arrays); Prisma's JSON input type cannot see that.
    content: content as unknown as Prisma.InputJsonObject,
    searchText,
    relatedCodes: entry.relatedCodes,
    logPatterns: buildLogPatterns(entry),
  };
}

type CatalogRow = ReturnType<typeof rowFor>;

/** JSON with object keys sorted, so rows compare equal whatever order jsonb returns keys in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export interface SeedResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

const STORED_FIELDS = {
  code: true,
  family: true,
  known: true,
  seedText: true,
  seedAnalysis: true,
  content: true,
  searchText: true,
  relatedCodes: true,
  logPatterns: true,
} as const;

/**
 * Writes the catalogue. Entries whose stored row already equals the source are not touched, so
 * running the seed twice changes nothing (not even updatedAt), and a row edited by hand is put
 * back. Codes seen only in telemetry are left alone.
 */
export async function seedCatalog(db: Db): Promise<SeedResult> {
  const existing = new Map(
    (await db.catalogCode.findMany({ select: STORED_FIELDS })).map((r) => [
      r.code,
      canonicalJson(r),
    ]),
  );
  const result: SeedResult = { inserted: 0, updated: 0, unchanged: 0 };
  await db.$transaction(async (tx) => {
    for (const entry of catalogEntries) {
      const row: CatalogRow = rowFor(entry);
      const stored = existing.get(entry.code);
      if (stored === canonicalJson(row)) {
        result.unchanged++;
      } else if (stored === undefined) {
        await tx.catalogCode.create({ data: row });
        result.inserted++;
      } else {
        await tx.catalogCode.update({ where: { code: entry.code }, data: row });
        result.updated++;
      }
    }
  });
  return result;
}

export interface CodeQuery {
  /** Free text: a number, Chinese or English words, or exception text. */
  q?: string;
  family?: CodeFamily | "unknown";
  limit?: number;
}

interface SummaryRow {
  code: number;
  family: string;
  known: boolean;
  seedText: string;
  content: StoredContent;
}

function toSummary(row: SummaryRow): CodeSummaryDto {
  return {
    code: row.code,
    family: row.known ? (row.family as CodeFamily) : "unknown",
    known: row.known,
    seedText: row.seedText,
    title: row.content.title,
    summary: row.content.summary,
  };
}

/**
 * Splits a query into the folded pieces that must all appear (at most 8, so a query stays
 * cheap): "Wi-Fi password" → wifi, password; "无线密码" → 无线, 密码.
 */
export function queryTokens(q: string | undefined): string[] {
  return queryWords(q).flatMap(queryWordPieces).slice(0, 8);
}

/**
 * Searches the catalogue. An entry matches when every piece of `q` (queryTokens, folded as the
 * stored text is) appears somewhere in it, or when `q` is a log line containing one of its
 * exception classes or message shapes. Results rank the exact number first, then numbers
 * starting with the query, then the most specific log-line match, then matches in the code's
 * own text and title, then matches anywhere else.
 */
export async function listCodes(db: Db, query: CodeQuery = {}): Promise<CodeListDto> {
  const tokens = queryTokens(query.q);
  // The query as typed (folded, not cut into pieces), for log lines and ranking.
  const whole = queryWords(query.q).join(" ");
  const family = query.family === "unknown" ? null : (query.family ?? null);
  const onlyUnknown = query.family === "unknown";
  const rows = await db.$queryRaw<SummaryRow[]>`
    SELECT code, family, known, "seedText", content
    FROM "CatalogCode",
      LATERAL (
        -- How much of the query this code's log patterns explain (0: none): a line matching
        -- both the class and the message of a code outranks one matching the class alone.
        SELECT COALESCE(sum(length(pattern)), 0) AS length
        FROM unnest("logPatterns") AS pattern
        WHERE ${whole}::text <> '' AND strpos(${whole}::text, pattern) > 0
      ) AS log_match,
      LATERAL (
        -- The folded lines the ranking reads (SEARCH_TEXT_LINE in search-text.ts).
        SELECT split_part("searchText", E'\\n', ${SEARCH_TEXT_LINE.ownText}::int) AS own_text,
          split_part("searchText", E'\\n', ${SEARCH_TEXT_LINE.seedText}::int) AS seed_text
      ) AS line
    WHERE (${family}::text IS NULL OR (family = ${family}::text AND known))
      AND (NOT ${onlyUnknown}::boolean OR NOT known)
      AND (
        NOT EXISTS (
          SELECT 1 FROM unnest(${tokens}::text[]) AS token WHERE strpos("searchText", token) = 0
        )
        OR log_match.length > 0
      )
    ORDER BY
      CASE
        WHEN ${whole}::text = '' THEN 0
        WHEN code::text = ${whole}::text THEN 0
        WHEN left(code::text, length(${whole}::text)) = ${whole}::text THEN 1
        WHEN log_match.length > 0 THEN 2
        WHEN strpos(line.own_text, ${whole}::text) > 0 THEN 3
        ELSE 4
      END,
      -- Among log-line matches, the code whose own seed text (for network codes, the message
      -- the SDK matches on) is in the line comes first: 50504 before 50500 for a DNS failure.
      (log_match.length > 0 AND length(line.seed_text) >= 7
        AND strpos(${whole}::text, line.seed_text) > 0) DESC,
      log_match.length DESC,
      code
    LIMIT ${query.limit ?? 200}`;
  return { codes: rows.map(toSummary), total: rows.length };
}

/** One entry with its related codes' titles, or undefined when the code was never seen. */
export async function getCode(db: Db, code: number): Promise<CodeDetailDto | undefined> {
  const row = await db.catalogCode.findUnique({ where: { code } });
  if (!row) return undefined;
  const content = row.content as unknown as StoredContent;
  const related = row.relatedCodes.length
    ? await db.catalogCode.findMany({
        where: { code: { in: row.relatedCodes } },
        select: { code: true, content: true },
        orderBy: { code: "asc" },
      })
    : [];
  return {
    ...toSummary({ ...row, content }),
    seedAnalysis: row.seedAnalysis,
    causes: content.causes ?? [],
    supportAdvice: content.supportAdvice,
    opsChecks: content.opsChecks ?? [],
    escalateWhen: content.escalateWhen,
    exceptions: content.exceptions ?? [],
    relatedCodes: related.map((r) => ({
      code: r.code,
      title: (r.content as unknown as { title: Bilingual }).title,
    })),
  };
}

/** One entry, as `getCode`; throws NotFoundError ("unknown-code") for a code never seen. */
export async function getCodeOrThrow(db: Db, code: number): Promise<CodeDetailDto> {
  const entry = await getCode(db, code);
  if (!entry) {
    throw new NotFoundError(
      `Code ${code} is not in the catalogue and was never reported.`,
      "unknown-code",
    );
  }
  return entry;
}
