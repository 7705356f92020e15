/**
 * The alert cycle as integration tests drive it: on the app's database (set up by
 * test/support/app.ts), at a simulated `nowMs`, forced (no claim), every 15 s of simulated time.
 */
export const CYCLE_MS = 15_000;
export const TEST_BASE_URL = "http://codewatch.test";

export async function alertCycle() {
  const { getDb } = await import("@/lib/db/server");
  const { poolOf } = await import("@/lib/db/client");
  const { runAlertCycle } = await import("@/lib/alerts/cycle");
  const db = await getDb();
  return {
    db,
    cycle: (nowMs: number) =>
      runAlertCycle(db, poolOf(db), {
        nowMs,
        cycleMs: CYCLE_MS,
        baseUrl: TEST_BASE_URL,
        force: true,
      }),
  };
}
