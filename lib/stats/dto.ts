/**
 * The statistics API's answers as they travel (JSON), for the pages that read them
 * (`import type`): the server modules build them, the wire format is written down once.
 */
import type { BreakdownResult } from "./breakdown";
import type { RecentEventDto } from "./events";
import type { SeriesPoint, SeriesResult } from "./series";
import type { SpikeDto } from "./spikes";
import type { TopResult } from "./top";

export type { BreakdownRow } from "./breakdown";
export type { BucketVerdict, SeriesPoint, SeriesSpike } from "./series";
export type { TopRow } from "./top";
export type { RecentEventDto, SpikeDto };

export interface SeriesDto extends Omit<SeriesResult, "series"> {
  project: string;
  series: { code: number; points: SeriesPoint[] }[];
}

export interface TopDto extends TopResult {
  project: string;
}

export interface BreakdownDto extends BreakdownResult {
  project: string;
}

export interface SpikesDto {
  project: string;
  from: string;
  to: string;
  spikes: SpikeDto[];
}

export interface ReleasesDto {
  project: string;
  from: string;
  to: string;
  releases: { appVersion: string; firstSeen: string }[];
}

export interface RecentEventsDto {
  project: string;
  code: number;
  from: string;
  to: string;
  events: RecentEventDto[];
  next: string | null;
}

/** GET /api/v1/diagnosis (lib/stats/diagnosis.ts). */
export type DiagnosisDto = Awaited<ReturnType<typeof import("./diagnosis").getDiagnosis>>;
