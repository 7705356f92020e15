/**
 * Background work of the server process: the spike detectors advance every minute
 * (lib/detection/loop.ts), and every instance schedules retention hourly; it runs
 * once a day across all of them (lib/telemetry/retention.ts). CW_DISABLE_SCHEDULER=1 turns it off
 * (e.g. when `npm run cw -- retention run` is run from cron instead).
 */
export async function register() {
  // NEXT_RUNTIME is Next.js's own marker of the runtime this file is loaded in.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startScheduler } = await import("./lib/scheduler");
  startScheduler();
}
