/** Request schemas of the project and key endpoints, shared with the admin pages. */
import { z } from "zod";

import { API_KEY_SCOPES } from "../auth/constants";
import { isTimeZone } from "../time/zone";

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

/** A project's settings, as admins change them (PATCH /api/v1/projects/{slug}). */
export const updateProjectBody = z
  .object({
    name: z.string().trim().min(1).max(128).optional(),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, "must be an IANA time zone, e.g. Asia/Shanghai or UTC")
      .optional(),
    language: z.enum(["zh", "en"]).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give name, timeZone or language");

export const createKeyBody = z
  .object({
    name: z.string().trim().min(1).max(128).optional(),
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "at least one scope").max(2),
  })
  .strict();

export const keyParams = z.object({ id: z.uuid("must be a key id") }).strict();
