/** Request schemas of the catalogue API, shared by the route handlers and the browser client. */
import { z } from "zod";

import { CODE_FAMILIES } from "./types";

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

export const listCodesQuery = z
  .object({
    q: z.preprocess(emptyAsUndefined, z.string().max(200, "at most 200 characters").optional()),
    category: z.preprocess(
      emptyAsUndefined,
      z
        .enum([...CODE_FAMILIES, "unknown"], {
          error: `must be one of ${[...CODE_FAMILIES, "unknown"].join(", ")}`,
        })
        .optional(),
    ),
  })
  .strict();

export const codeParams = z
  .object({
    code: z
      .string()
      .regex(/^\d{1,9}$/, "must be a positive integer code, e.g. 50502")
      .transform(Number),
  })
  .strict();
