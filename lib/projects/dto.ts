/** Wire format of projects and API keys (imported as types by the admin pages). */
import type { ApiKeyScope } from "../auth/constants";

export interface ProjectDto {
  id: string;
  slug: string;
  name: string;
  /** IANA zone the dashboard shows the project's times and local days in, by default. */
  timeZone: string;
  /** Language of what codewatch writes for the project (notifications). */
  language: "zh" | "en";
  createdAt: string;
}

export interface ApiKeyDto {
  id: string;
  project: string;
  name: string;
  displayPrefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Returned once, at creation: the only response that carries the key itself. */
export interface CreatedApiKeyDto extends ApiKeyDto {
  key: string;
}
