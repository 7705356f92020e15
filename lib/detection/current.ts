/**
 * Before a chart is read: make sure the stored verdicts of its codes are current, in case the
 * background loop (lib/detection/loop.ts) is behind, disabled, or has not seen a late batch yet.
 * Usually this finds nothing to do with two cheap queries.
 */
import type pg from "pg";

import {
  advanceDetectors,
  currentSettings,
  isCurrent,
  judgedEnd,
  lockProject,
  settingsKey,
} from "./advance";
import { codesWithLateMarks, firstMinutes, loadStates } from "./repository";

/** Minutes a reader tolerates the stored verdicts being behind (it replays the rest itself). */
const READ_LAG_TOLERANCE = 10;

export async function ensureCurrent(
  client: pg.PoolClient,
  projectId: string,
  codes: number[],
  nowMs: number,
): Promise<void> {
  const end = judgedEnd(nowMs);
  const key = settingsKey(currentSettings());
  const states = await loadStates(client, projectId, codes);
  const late = await codesWithLateMarks(client, projectId, codes);
  const unstarted = codes.filter((code) => !states.has(code) && !late.has(code));
  const withData = await firstMinutes(client, projectId, unstarted);
  const behind = codes.filter((code) => {
    if (late.has(code)) return true;
    const state = states.get(code);
    if (!state) return withData.has(code);
    return !isCurrent(state, key, end - READ_LAG_TOLERANCE);
  });
  if (behind.length === 0) return;
  await client.query("BEGIN");
  try {
    await lockProject(client, projectId);
    await advanceDetectors(client, projectId, behind, end);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
