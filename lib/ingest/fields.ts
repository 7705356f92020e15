/**
 * The rule for each field of an incoming event, after Sentry Relay's normalisation: keep the
 * event, and say what was removed.
 *   - What identifies and places an event (code, timestamp, eventId) is checked strictly: a
 *     malformed one rejects the event, with a reason that names what was wrong.
 *   - Every other field is cleaned (NUL characters removed, broken surrogates replaced, text cut
 *     to its limit) or dropped (a value of the wrong kind), each time with a warning.
 *   - Integer fields accept a string of digits ("50502"): many clients, and OTLP's JSON mapping
 *     of every 64-bit integer, send numbers as strings.
 * Values arrive as JSON parsed them (unknown); the rules return plain values.
 */
import { z } from "zod";

import { cleanText, unstorableTextReason } from "../db/text";
import { MAX_ATTRIBUTES, MAX_FIELD_LENGTH, MAX_TEXT_LENGTH } from "./event-schema";

/** A field's outcome: its clean value (absent when dropped) and, when it was changed, why. */
export interface Cleaned<T> {
  value?: T;
  warning?: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const MAX_CODE = 2_147_483_647;
const MAX_ATTRIBUTE_KEY_LENGTH = 64;
const QUOTED_MAX = 40;

/** What a value was, for a reason a person can act on: "the string 'abc'", "1.5", "an object". */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") {
    const shown = value.length > QUOTED_MAX ? `${value.slice(0, QUOTED_MAX)}…` : value;
    return `the string ${JSON.stringify(shown.toWellFormed())}`;
  }
  if (typeof value === "object") return "an object";
  return String(value);
}

/** A whole number within [min, max], from a JSON number or a string of digits. */
function wholeNumber(value: unknown, min: number, max: number): number | undefined {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^-?\d{1,16}$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/** `code`: required, an integer (or a string of digits) from 0 to 2^31 − 1. */
export function checkCode(value: unknown): Checked<number> {
  if (value === undefined) return { ok: false, reason: "required" };
  const code = wholeNumber(value, 0, MAX_CODE);
  return code === undefined
    ? { ok: false, reason: `must be an integer from 0 to ${MAX_CODE}, got ${describe(value)}` }
    : { ok: true, value: code };
}

const isoWithZone = z.iso.datetime({ offset: true });
const MAX_EPOCH_MS = 8.64e15;

/**
 * A time: ISO 8601 with a zone, or epoch milliseconds (a number or a string of digits), as
 * epoch milliseconds.
 */
export function checkInstant(value: unknown): Checked<number> {
  if (typeof value === "string" && isoWithZone.safeParse(value).success) {
    return { ok: true, value: Date.parse(value) };
  }
  const ms = wholeNumber(value, 0, MAX_EPOCH_MS);
  return ms === undefined
    ? {
        ok: false,
        reason: `must be an ISO 8601 time with a zone, or epoch milliseconds, got ${describe(value)}`,
      }
    : { ok: true, value: ms };
}

/**
 * `eventId`: a non-empty string (or a number) of at most 128 characters, stored as given: it is
 * the event's identity, so it is never cut or cleaned into someone else's.
 */
export function checkEventId(value: unknown): Checked<string> {
  const id = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof id !== "string" || id.length === 0 || id.length > MAX_FIELD_LENGTH) {
    return {
      ok: false,
      reason: `must be a non-empty string of at most ${MAX_FIELD_LENGTH} characters, got ${describe(value)}`,
    };
  }
  const unstorable = unstorableTextReason(id);
  return unstorable ? { ok: false, reason: unstorable } : { ok: true, value: id };
}

/** Cuts to `max` UTF-16 units without leaving half a surrogate pair at the end. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * Text of at most `max` characters. Numbers and booleans become their text (nothing is lost);
 * NUL characters are removed and lone surrogates replaced; longer text is cut; other kinds of
 * value, and text that is empty once cleaned, are dropped.
 */
export function cleanString(value: unknown, max: number): Cleaned<string> {
  // JSON numbers are always finite: their text loses nothing.
  if (typeof value === "number" || typeof value === "boolean") return { value: String(value) };
  if (typeof value !== "string")
    return { warning: `must be text, got ${describe(value)}; dropped` };
  const notes: string[] = [];
  let text = value;
  const unstorable = unstorableTextReason(text);
  if (unstorable) {
    text = cleanText(text);
    notes.push(
      text.length < value.length ? "NUL characters removed" : "broken surrogates replaced",
    );
  }
  if (text.length > max) {
    text = truncate(text, max);
    notes.push(`cut to ${max} characters`);
  }
  if (text.length === 0) return notes.length ? { warning: "empty once cleaned; dropped" } : {};
  return { value: text, warning: notes.length ? notes.join("; ") : undefined };
}

/** An integer within [min, max] (or a string of digits); anything else is dropped. */
function cleanInteger(min: number, max: number) {
  return (value: unknown): Cleaned<number> => {
    const n = wholeNumber(value, min, max);
    return n === undefined
      ? { warning: `must be an integer from ${min} to ${max}, got ${describe(value)}; dropped` }
      : { value: n };
  };
}

const ipAddress = z.union([z.ipv4(), z.ipv6()]);

function cleanIp(value: unknown): Cleaned<string> {
  return typeof value === "string" && ipAddress.safeParse(value).success
    ? { value }
    : { warning: `must be an IPv4 or IPv6 address, got ${describe(value)}; dropped` };
}

/** A device id is only ever hashed (device-hash.ts): any length, cleaned so the hash is stable. */
function cleanDeviceId(value: unknown): Cleaned<string> {
  return cleanString(value, Number.MAX_SAFE_INTEGER);
}

const short = (value: unknown) => cleanString(value, MAX_FIELD_LENGTH);
const long = (value: unknown) => cleanString(value, MAX_TEXT_LENGTH);

/** Optional fields an event or the batch context may carry, and the rule of each. */
export const OPTIONAL_FIELDS = {
  host: short,
  remoteIp: cleanIp,
  httpProtocol: short,
  exception: short,
  message: long,
  cause: long,
  app: short,
  appVersion: short,
  sdkVersion: short,
  platform: short,
  osVersion: short,
  apiLevel: cleanInteger(1, 1000),
  deviceModel: short,
  deviceId: cleanDeviceId,
  network: short,
  carrier: short,
  region: short,
  locale: short,
} as const;

export type OptionalField = keyof typeof OPTIONAL_FIELDS;
export type OptionalValues = {
  -readonly [F in OptionalField]?: NonNullable<ReturnType<(typeof OPTIONAL_FIELDS)[F]>["value"]>;
};

export type AttributeValue = string | number | boolean;

/**
 * `attributes`: a flat map of at most MAX_ATTRIBUTES (`room`) string, number or boolean values.
 * Entries that cannot be kept (a nested value, an empty, over-long or broken key, a key that
 * would touch an object's prototype) are dropped one by one; strings are cleaned like text.
 * `warn(field, reason)` hears of every change, `field` being "attributes" or "attributes.<key>".
 */
export function cleanAttributes(
  value: unknown,
  warn: (field: string, reason: string) => void,
  room = MAX_ATTRIBUTES,
): Record<string, AttributeValue> | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    warn(
      "attributes",
      `must be an object of string, number or boolean values, got ${describe(value)}; dropped`,
    );
    return undefined;
  }
  const result: Record<string, AttributeValue> = {};
  let kept = 0;
  let overflow = 0;
  for (const [key, raw] of Object.entries(value)) {
    const keyProblem =
      key.length === 0 || key.length > MAX_ATTRIBUTE_KEY_LENGTH
        ? `keys must have 1 to ${MAX_ATTRIBUTE_KEY_LENGTH} characters`
        : (unstorableTextReason(key) ?? (key === "__proto__" ? "a reserved key" : undefined));
    if (keyProblem) {
      warn("attributes", `a key was dropped: ${keyProblem}`);
      continue;
    }
    const field = `attributes.${key}`;
    let cleaned: Cleaned<AttributeValue>;
    if (typeof raw === "boolean") cleaned = { value: raw };
    else if (typeof raw === "number") {
      cleaned = Number.isFinite(raw)
        ? { value: raw }
        : { warning: `must be a finite number; dropped` };
    } else if (typeof raw === "string") cleaned = cleanString(raw, MAX_FIELD_LENGTH);
    else
      cleaned = { warning: `must be a string, number or boolean, got ${describe(raw)}; dropped` };
    if (cleaned.warning) warn(field, cleaned.warning);
    if (cleaned.value === undefined) continue;
    if (kept >= room) {
      overflow++;
      continue;
    }
    // defineProperty: an own "__proto__"-like key must never reach a prototype.
    Object.defineProperty(result, key, { value: cleaned.value, enumerable: true, writable: true });
    kept++;
  }
  if (overflow > 0) {
    warn("attributes", `at most ${MAX_ATTRIBUTES} in all; ${overflow} more dropped`);
  }
  return kept > 0 ? result : undefined;
}
