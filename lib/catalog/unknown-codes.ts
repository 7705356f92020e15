/**
 * Codes that arrive in telemetry before anyone documented them. The catalogue registers each as
 * an unknown code (family "unknown", known = false) the first time it is seen, so every reader
 * (the code pages, search, the detector's list of codes) finds it, with a placeholder that tells
 * support what to do until engineering writes the entry; the seed never overwrites such a row
 * unless the code becomes part of the catalogue.
 */
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";

/** Catalogue content of a code first seen in telemetry, until someone documents it. */
const UNKNOWN_CONTENT = {
  title: { zh: "未知错误码", en: "Unknown code" },
  summary: {
    zh: "该错误码来自线上上报，但尚未收录进目录。",
    en: "This code arrived from the field but is not in the catalogue yet.",
  },
  causes: [],
  supportAdvice: {
    zh: "记录用户的操作步骤、App 版本和时间，转交研发确认该错误码的含义。",
    en: "Note what the user did, the app version and the time, and ask engineering what this code means.",
  },
  opsChecks: [],
} satisfies Prisma.InputJsonObject;

/** Codes known to be in the catalogue, per database client, so most batches skip the step. */
const knownByDb = new WeakMap<Db, Set<number>>();

/**
 * Makes sure every code in `codes` is in the catalogue, registering the new ones as unknown
 * codes. Catalogue rows are never deleted, so a code once seen needs no statement again in this
 * process: most calls send none. Safe to run from several instances at once (skipDuplicates).
 */
export async function registerCodes(db: Db, codes: Iterable<number>): Promise<void> {
  let known = knownByDb.get(db);
  if (!known) knownByDb.set(db, (known = new Set()));
  const unseen = [...new Set(codes)].filter((code) => !known.has(code));
  if (unseen.length === 0) return;
  await db.catalogCode.createMany({
    data: unseen.map((code) => ({
      code,
      family: "unknown",
      known: false,
      seedText: "",
      content: UNKNOWN_CONTENT,
      searchText: String(code),
      relatedCodes: [],
      logPatterns: [],
    })),
    skipDuplicates: true,
  });
  for (const code of unseen) known.add(code);
}
