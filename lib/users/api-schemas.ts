/** Request schemas of the user endpoints, shared with the admin page and the CLI. */
import { z } from "zod";

import { MIN_PASSWORD_LENGTH, ROLES } from "../auth/constants";

export const createUserBody = z
  .object({
    email: z.email("must be an email address").max(254),
    name: z.string().trim().min(1).max(128).optional(),
    role: z.enum(ROLES),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(128, "at most 128 characters"),
  })
  .strict();

export const updateUserBody = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.disabled !== undefined, "give role or disabled");

export const userParams = z.object({ id: z.string().min(1).max(64) }).strict();
