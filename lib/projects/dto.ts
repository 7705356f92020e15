/** Wire format of projects and API keys (imported as types by the admin pages). */
import type { ApiKeyScope } from "../auth/constants";

export interface ProjectDto {
  id: string;
  slug: string;
  name: string;
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
