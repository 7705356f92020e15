/**
 * The raw event table's columns and the dimensions events are counted by: the names every
 * statement on the telemetry tables is built from, defined once.
 */
import type { NormalizedEvent } from "./event";

/** The raw table's column for an event field: its name in snake_case. */
export const columnOf = (field: keyof NormalizedEvent) =>
  field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The dimensions a breakdown can split a code by, and the event field each reads. */
export const DIMENSIONS = {
  appVersion: "appVersion",
  osVersion: "osVersion",
  apiLevel: "apiLevel",
  platform: "platform",
  network: "network",
  carrier: "carrier",
  region: "region",
  host: "host",
  remoteIp: "remoteIp",
  exception: "exception",
} as const satisfies Record<string, keyof NormalizedEvent>;

export type Dimension = keyof typeof DIMENSIONS;

/** The raw event column a dimension filters and groups on, as text (api_level is an integer). */
export function dimensionColumn(dimension: Dimension): string {
  const column = columnOf(DIMENSIONS[dimension]);
  return column === "api_level" ? `${column}::text` : column;
}
