/**
 * The shape of one well-formed telemetry event and of a batch, as the public contract describes
 * it (docs/ingest.md): what clients and the simulator should send. Ingest itself is more
 * forgiving (fields.ts: only code, timestamp and eventId can reject an event; other fields are
 * cleaned or dropped with a warning), so validation is per event and per field.
 */
import { z } from "zod";

export const MAX_EVENTS_PER_BATCH = 5_000;
export const MAX_TEXT_LENGTH = 2_000;
export const MAX_FIELD_LENGTH = 128;
export const MAX_ATTRIBUTES = 20;

/**
 * Text PostgreSQL can store: it refuses the NUL character, and a lone UTF-16 surrogate (which
 * JSON can carry as "\ud800") is not Unicode at all; either would fail the whole batch's
 * statement instead of this one event.
 */
function text(max: number) {
  return z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((value) => !value.includes("\u0000"), "must not contain NUL characters")
    .refine((value) => value.isWellFormed(), "must be valid Unicode (no lone surrogates)");
}

const short = text(MAX_FIELD_LENGTH);
const long = text(MAX_TEXT_LENGTH);

/** ISO 8601 with a zone, or milliseconds since the epoch. */
export const instant = z.union([
  z.iso.datetime({
    offset: true,
    error: "must be an ISO 8601 time with a zone, or epoch milliseconds",
  }),
  z.number().int().min(0).max(8.64e15),
]);

const attributeValue = z.union([short, z.number().finite(), z.boolean()]);

export const attributes = z
  .record(
    text(64).refine((key) => key.length > 0, "must not be empty"),
    attributeValue,
  )
  .refine(
    (map) => Object.keys(map).length <= MAX_ATTRIBUTES,
    `at most ${MAX_ATTRIBUTES} attributes`,
  );

/** Fields that may come per event or, shared, in the batch's `context`. */
export const contextFields = {
  host: short,
  remoteIp: z.union([z.ipv4(), z.ipv6()], { error: "must be an IPv4 or IPv6 address" }),
  httpProtocol: short,
  exception: short,
  message: long,
  cause: long,
  app: short,
  appVersion: short,
  sdkVersion: short,
  platform: short,
  osVersion: short,
  apiLevel: z.number().int().min(1).max(1000),
  deviceModel: short,
  deviceId: short,
  network: short,
  carrier: short,
  region: short,
  locale: short,
  attributes,
};

export const contextSchema = z.object(contextFields).partial().strict();

export const eventSchema = z
  .object({
    code: z
      .number({ error: "required, an integer" })
      .int("must be an integer")
      .min(0)
      .max(2_147_483_647),
    timestamp: instant.optional(),
    eventId: short.refine((id) => id.length > 0, "must not be empty").optional(),
    ...contextSchema.shape,
  })
  .strict();

export type EventInput = z.infer<typeof eventSchema>;
export type EventContext = z.infer<typeof contextSchema>;

/**
 * The envelope of a JSON batch; `sentAt` is checked by the decoder (decode.ts), events one by
 * one by validation (validate.ts).
 */
export const batchEnvelope = z
  .object({
    sentAt: z.unknown().optional(),
    context: z.unknown().optional(),
    events: z.array(z.unknown()).max(MAX_EVENTS_PER_BATCH),
  })
  .strict();
