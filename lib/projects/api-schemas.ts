/** Request schemas of the project and key endpoints, shared with the admin pages. */
import { z } from "zod";

import { API_KEY_SCOPES } from "../auth/constants";

export const projectSlug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,62}$/,
    "2-63 lower-case letters, digits and dashes, e.g. smartlife-android",
  );

export const createProjectBody = z
  .object({ slug: projectSlug, name: z.string().trim().min(1).max(128).optional() })
  .strict();

export const projectParams = z.object({ slug: projectSlug }).strict();

export const createKeyBody = z
  .object({
    name: z.string().trim().min(1).max(128).optional(),
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "at least one scope").max(2),
  })
  .strict();

export const keyParams = z.object({ id: z.uuid("must be a key id") }).strict();
