/**
 * Restored detectors, kept in memory by the exact stored state they came from (project, code,
 * version), so a chart does not fetch and parse every code's snapshot on each refresh: only
 * those the loop has moved on since. A hit is a copy of exactly what the database holds, so
 * answers do not change; a new version replaces the code's old entry.
 */
import { SpikeDetector } from "../detect";
import type { Sql } from "../db/sql";
import { loadSnapshots, type StoredState } from "./repository";

const MAX_ENTRIES = 5_000;

interface Entry {
  version: string;
  detector: SpikeDetector;
}

const holder = globalThis as typeof globalThis & { __codewatchDetectors?: Map<string, Entry> };

function entries(): Map<string, Entry> {
  holder.__codewatchDetectors ??= new Map();
  return holder.__codewatchDetectors;
}

/** A detector at each state's next minute, for the codes in `states`; callers may advance them. */
export async function restoreDetectors(
  sql: Sql,
  projectId: string,
  states: Map<number, StoredState>,
): Promise<Map<number, SpikeDetector>> {
  const cache = entries();
  const result = new Map<number, SpikeDetector>();
  const missing: number[] = [];
  for (const [code, state] of states) {
    const hit = cache.get(`${projectId}:${code}`);
    if (hit?.version === state.version) result.set(code, hit.detector.clone());
    else missing.push(code);
  }
  for (const [code, snapshot] of await loadSnapshots(sql, projectId, missing)) {
    const detector = SpikeDetector.restore(snapshot);
    const key = `${projectId}:${code}`;
    cache.delete(key);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, { version: states.get(code)!.version, detector: detector.clone() });
    result.set(code, detector);
  }
  return result;
}
