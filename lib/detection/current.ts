/**
 * Before a chart is read: make sure the stored verdicts of its codes are current, in case the
 * background loop (lib/detection/loop.ts) is behind, disabled, or has not seen a late batch yet.
 * Usually this finds nothing to do with a few cheap queries.
 */
import type pg from "pg";

import { withTransaction } from "../db/sql";
import { advanceDetectors, codesBehind, judgedEnd, lockProject } from "./advance";

/** Minutes a reader tolerates the stored verdicts being behind (it replays the rest itself). */
const READ_LAG_TOLERANCE = 10;

export async function ensureCurrent(
  client: pg.PoolClient,
  projectId: string,
  codes: number[],
  nowMs: number,
): Promise<void> {
  const end = judgedEnd(nowMs);
  // Late marks always count; for the rest, a detector a few minutes behind is close enough.
  const behind = await codesBehind(client, projectId, codes, end - READ_LAG_TOLERANCE);
  if (behind.length === 0) return;
  await withTransaction(client, async () => {
    await lockProject(client, projectId);
    await advanceDetectors(client, projectId, behind, end);
  });
}
