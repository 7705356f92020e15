/**
 * Stored hourly verdicts, with the final ones kept in memory. An hour before the one a code's
 * detector is in never changes again, except when a replay rewrites the code's hours, which
 * bumps its `generation`. So a chart refresh fetches only the hours since its last read (usually
 * the current one) instead of a month of every code. A cached hour is a copy of what the
 * database holds for that generation, so answers do not depend on the cache.
 */
import type { Sql } from "../db/sql";
import { readHours, type StoredHours, type StoredState } from "./repository";

/** Hours kept in all, across projects and codes (~60 bytes each). */
const MAX_CACHED_HOURS = 500_000;

interface Entry {
  generation: number;
  /** The cache holds every stored hour in [from, until), in chunks as they became final. */
  from: number;
  until: number;
  chunks: StoredHours[];
  size: number;
}

const holder = globalThis as typeof globalThis & {
  __codewatchHours?: { entries: Map<string, Entry>; size: number };
};

function cache() {
  holder.__codewatchHours ??= { entries: new Map(), size: 0 };
  return holder.__codewatchHours;
}

function emptyHours(): StoredHours {
  return {
    hour: [],
    count: [],
    expected: [],
    upper: [],
    spikeMinutes: [],
    peak: [],
    peakExpected: [],
  };
}

/** The rows of `hours` whose hour passes `keep`. */
function filterHours(hours: StoredHours, keep: (hour: number) => boolean): StoredHours {
  const out = emptyHours();
  hours.hour.forEach((hour, i) => {
    if (!keep(hour)) return;
    for (const key of Object.keys(out) as (keyof StoredHours)[]) {
      (out[key] as unknown[]).push(hours[key][i]);
    }
  });
  return out;
}

function remember(key: string, entry: Entry): void {
  const c = cache();
  const old = c.entries.get(key);
  if (old) {
    c.size -= old.size;
    c.entries.delete(key);
  }
  while (c.size + entry.size > MAX_CACHED_HOURS && c.entries.size > 0) {
    const [oldestKey, oldest] = c.entries.entries().next().value!;
    c.size -= oldest.size;
    c.entries.delete(oldestKey);
  }
  c.entries.set(key, entry);
  c.size += entry.size;
}

/**
 * Every stored hour of `codes` in [from, to), per code (the hours of one code may come in two
 * parts: cached, then fetched). `states` are the codes' states read in the same snapshot.
 */
export async function hoursInRange(
  sql: Sql,
  projectId: string,
  states: Map<number, StoredState>,
  from: number,
  to: number,
): Promise<Map<number, StoredHours[]>> {
  const c = cache();
  const result = new Map<number, StoredHours[]>();
  const fetchFrom = new Map<number, number>();
  for (const [code, state] of states) {
    const entry = c.entries.get(`${projectId}:${code}`);
    if (entry && entry.generation === state.generation && entry.from <= from) {
      result.set(code, [...entry.chunks]);
      fetchFrom.set(code, Math.max(from, entry.until));
    } else {
      result.set(code, []);
      fetchFrom.set(code, from);
    }
  }
  const codes = [...fetchFrom.keys()].filter((code) => fetchFrom.get(code)! < to);
  if (codes.length === 0) return result;
  const fetched = await readHours(
    sql,
    projectId,
    codes,
    Math.min(...codes.map((code) => fetchFrom.get(code)!)),
    to,
  );
  for (const code of codes) {
    const start = fetchFrom.get(code)!;
    const rows = filterHours(fetched.get(code) ?? emptyHours(), (hour) => hour >= start);
    result.get(code)!.push(rows);
    // Hours before the detector's current one are final for this generation.
    const state = states.get(code)!;
    const finalBefore = Math.min(to, state.nextMinute - (state.nextMinute % 60));
    const key = `${projectId}:${code}`;
    const entry = c.entries.get(key);
    // start > from only when the entry was valid and is being extended.
    const extending = entry !== undefined && start > from;
    const fresh = filterHours(rows, (hour) => hour < finalBefore);
    const chunks = extending ? [...entry.chunks] : [];
    if (fresh.hour.length > 0) chunks.push(fresh);
    remember(key, {
      generation: state.generation,
      from: extending ? entry.from : from,
      until: Math.max(from, finalBefore),
      chunks,
      size: chunks.reduce((n, chunk) => n + chunk.hour.length, 0),
    });
  }
  return result;
}
