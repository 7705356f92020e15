/**
 * What the catalogue API returns. Client components import these types (`import type`) so the
 * wire format is written down once.
 */
import type { Bilingual, CatalogEntry, CodeFamily } from "./types";

export interface CodeSummaryDto {
  code: number;
  family: CodeFamily | "unknown";
  /** False for codes first seen in telemetry and missing from the catalogue. */
  known: boolean;
  seedText: string;
  title: Bilingual;
  summary: Bilingual;
}

export interface CodeListDto {
  codes: CodeSummaryDto[];
  total: number;
}

export interface RelatedCodeDto {
  code: number;
  title: Bilingual;
}

export interface CodeDetailDto
  extends
    CodeSummaryDto,
    Pick<CatalogEntry, "causes" | "supportAdvice" | "opsChecks" | "escalateWhen" | "exceptions"> {
  seedAnalysis: string | null;
  relatedCodes: RelatedCodeDto[];
}
