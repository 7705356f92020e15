/**
 * Keeps each project's detectors current: every code's SpikeDetector is fed its per-minute
 * counts once, in order, from the code's first event on, and what it concluded is stored
 * (state, checkpoints at each midnight and at each hour of the last 30, hourly verdicts).
 * Charts and alerts then read verdicts instead of re-running weeks of minutes, and every reader
 * sees the same ones.
 *
 * A minute is judged once it is SETTLE_MINUTES old, when its events are in. Events that arrive
 * later for a judged minute (an offline phone, a backfill) leave a mark (lib/telemetry/late-minutes.ts);
 * the next advance rewinds that code to the checkpoint before the mark and replays, so stored
 * verdicts always equal a replay over the data as it is now.
 *
 * Callers hold the project's detector lock (`lockProject`) inside a transaction.
 */
import { continueSeries, resolveSettings, SpikeDetector, type DetectorSettings } from "../detect";
import type { Sql } from "../db/sql";
import { getEnv } from "../env";
import { codesWithLateMarks, LATE_AFTER_MINUTES, takeLateMarks } from "../telemetry/late-minutes";
import { denseMinuteCounts, firstMinutes } from "../telemetry/reads";
import {
  clearFrom,
  latestCheckpoints,
  loadSnapshots,
  loadStates,
  writeCheckpoints,
  writeHours,
  writeState,
  type StoredState,
} from "./repository";
import { hourTotals, MINUTES_PER_HOUR, type HourTotals } from "./hour-totals";
import { freshDetector, projectFirstMinute } from "./new-codes";

/**
 * A minute is judged this many minutes after it ends: three after events for it count as late
 * (lib/telemetry/late-minutes.ts), which covers a batch that commits after the detector ran.
 */
export const SETTLE_MINUTES = LATE_AFTER_MINUTES + 3;
/** Midnight checkpoints are kept this many days (minute charts replay from them). */
export const CHECKPOINT_DAYS = 35;
/**
 * Within this many hours of the judged end, a checkpoint is kept at every hour, not only at
 * midnight: a minute chart of the last 24 hours (the overview's default) and the spike list's
 * unsettled tail then replay from at most an hour before their range, not from the midnight
 * before it (up to 48 hours of minutes for a 24-hour chart). Older hourly ones are pruned.
 */
export const HOURLY_CHECKPOINT_HOURS = 30;
const DAY = 1_440;
/** Counts are read this many days at a time during a long replay. */
const READ_DAYS = 7;
const DETECTOR_LOCK = 7_200_103;

/** The settings detectors run with (CW_DETECTOR_SENSITIVITY). */
export function currentSettings(): DetectorSettings {
  return resolveSettings({ sensitivity: getEnv().CW_DETECTOR_SENSITIVITY });
}

/** Names settings by their values, so a stored detector that ran with others is recognised. */
export function settingsKey(settings: DetectorSettings): string {
  return JSON.stringify(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The stored detector ran with `key` and has judged every minute before `end`. */
export function isCurrent(state: StoredState | undefined, key: string, end: number): boolean {
  return state !== undefined && state.settings === key && state.nextMinute >= end;
}

/**
 * The one rule of which detectors need advancing, for the background loop and for readers:
 * among `codes`, those with late marks waiting (their stored verdicts miss events), those whose
 * stored detector ran with other settings or has not judged every minute before `end`, and
 * those without a stored detector whose first events came before `end` (a younger code has
 * nothing to judge yet; readers judge its minutes on the spot).
 */
export async function codesBehind(
  sql: Sql,
  projectId: string,
  codes: number[],
  end: number,
): Promise<number[]> {
  if (codes.length === 0) return [];
  const key = settingsKey(currentSettings());
  const states = await loadStates(sql, projectId, codes);
  const late = await codesWithLateMarks(sql, projectId, codes);
  const unstarted = codes.filter((code) => !states.has(code) && !late.has(code));
  const firsts = await firstMinutes(sql, projectId, unstarted);
  return codes.filter((code) => {
    if (late.has(code)) return true;
    const state = states.get(code);
    if (!state) return (firsts.get(code) ?? Infinity) < end;
    return !isCurrent(state, key, end);
  });
}

/** The end (exclusive) of the minutes that may be judged at `nowMs`. */
export function judgedEnd(nowMs: number): number {
  return Math.floor(nowMs / 60_000) - SETTLE_MINUTES;
}

/** Serialises advances of one project's detectors; released at the end of the transaction. */
export async function lockProject(sql: Sql, projectId: string, wait = true): Promise<boolean> {
  const { rows } = await sql.query<{ locked: boolean | null }>(
    wait
      ? `SELECT pg_advisory_xact_lock($1, hashtext($2)) IS NULL AS locked`
      : `SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked`,
    [DETECTOR_LOCK, projectId],
  );
  return wait || rows[0]?.locked === true;
}

interface Plan {
  code: number;
  detector: SpikeDetector;
  startMinute: number;
  /** A resumed detector in the middle of an hour adds to that hour's stored row. */
  continuingHour: number | undefined;
  /** Replaying stored hours again (a rewind or a fresh start): readers' cached hours are stale. */
  rewrites: boolean;
}

export interface AdvanceReport {
  codes: number;
  minutesJudged: number;
  rewound: number[];
}

/** Brings the detectors of `codes` up to `end` (exclusive), replaying after late events. */
export async function advanceDetectors(
  sql: Sql,
  projectId: string,
  codes: number[],
  end: number,
): Promise<AdvanceReport> {
  const report: AdvanceReport = { codes: 0, minutesJudged: 0, rewound: [] };
  if (codes.length === 0) return report;
  const settings = currentSettings();
  const key = settingsKey(settings);
  const states = await loadStates(sql, projectId, codes);
  const late = await takeLateMarks(sql, projectId, codes);
  const resumable = codes.filter((code) => {
    const state = states.get(code);
    const lateFrom = late.get(code);
    return state?.settings === key && (lateFrom === undefined || lateFrom >= state.nextMinute);
  });
  const snapshots = await loadSnapshots(sql, projectId, resumable);
  const plans: Plan[] = [];
  const fresh: number[] = [];
  const rewinds = new Map<number, number>();
  for (const code of codes) {
    const state = states.get(code);
    const lateFrom = late.get(code);
    const snapshot = snapshots.get(code);
    if (snapshot) {
      const detector = SpikeDetector.restore(snapshot);
      const continuing =
        detector.nextMinute % MINUTES_PER_HOUR === 0
          ? undefined
          : detector.nextMinute - (detector.nextMinute % MINUTES_PER_HOUR);
      plans.push({
        code,
        detector,
        startMinute: state!.startMinute,
        continuingHour: continuing,
        rewrites: false,
      });
    } else if (state?.settings === key && lateFrom !== undefined && lateFrom >= state.startMinute) {
      rewinds.set(code, lateFrom);
    } else {
      fresh.push(code);
    }
  }
  for (const [code, lateFrom] of rewinds) {
    const checkpoint = (await latestCheckpoints(sql, projectId, [code], lateFrom)).get(code);
    if (!checkpoint) {
      fresh.push(code);
      continue;
    }
    const detector = SpikeDetector.restore(checkpoint);
    await clearFrom(sql, projectId, code, detector.nextMinute);
    plans.push({
      code,
      detector,
      startMinute: states.get(code)!.startMinute,
      continuingHour: undefined,
      rewrites: true,
    });
    report.rewound.push(code);
  }
  const firsts = await firstMinutes(sql, projectId, fresh);
  const projectFirst = firsts.size > 0 ? await projectFirstMinute(sql, projectId) : undefined;
  for (const code of fresh) {
    const first = firsts.get(code);
    if (first === undefined) continue;
    await clearFrom(sql, projectId, code, -1);
    plans.push({
      code,
      detector: freshDetector(first, projectFirst, settings),
      startMinute: first,
      continuingHour: undefined,
      rewrites: true,
    });
    if (states.has(code)) report.rewound.push(code);
  }

  for (const plan of plans) {
    if (plan.detector.nextMinute >= end) continue;
    report.minutesJudged += await replay(sql, projectId, plan, end, key);
    report.codes++;
  }
  return report;
}

/** Feeds one code's minutes up to `end` and stores what the detector concluded. */
async function replay(
  sql: Sql,
  projectId: string,
  plan: Plan,
  end: number,
  settings: string,
): Promise<number> {
  const { detector, code } = plan;
  const from = detector.nextMinute;
  const hours: HourTotals[] = [];
  const checkpoints: { minute: number; snapshot: ReturnType<SpikeDetector["snapshot"]> }[] = [];
  const keepCheckpointsFrom = end - CHECKPOINT_DAYS * DAY;
  const hourlyCheckpointsFrom = end - HOURLY_CHECKPOINT_HOURS * MINUTES_PER_HOUR;
  for (let readFrom = from; readFrom < end;) {
    const readTo = Math.min(end, (Math.floor(readFrom / DAY) + READ_DAYS) * DAY);
    const counts = (await denseMinuteCounts(sql, projectId, [code], readFrom, readTo)).get(code)!;
    // Hour by hour, so the state at each midnight (and each hour near the end) can be kept as a
    // checkpoint, and no hour straddles two calls.
    for (let hourFrom = readFrom; hourFrom < readTo;) {
      const checkpointHere =
        hourFrom % DAY === 0 ||
        (hourFrom % MINUTES_PER_HOUR === 0 && hourFrom >= hourlyCheckpointsFrom);
      if (checkpointHere && hourFrom >= keepCheckpointsFrom) {
        checkpoints.push({ minute: hourFrom, snapshot: detector.snapshot() });
      }
      const hourTo = Math.min(
        readTo,
        (Math.floor(hourFrom / MINUTES_PER_HOUR) + 1) * MINUTES_PER_HOUR,
      );
      const verdicts = continueSeries(
        detector,
        counts.subarray(hourFrom - readFrom, hourTo - readFrom),
      );
      hours.push(...hourTotals(verdicts));
      hourFrom = hourTo;
    }
    readFrom = readTo;
  }
  await writeHours(sql, projectId, code, hours, plan.continuingHour);
  await writeCheckpoints(sql, projectId, code, checkpoints);
  await writeState(sql, projectId, code, {
    settings,
    rewrites: plan.rewrites,
    startMinute: plan.startMinute,
    nextMinute: detector.nextMinute,
    snapshot: detector.snapshot(),
  });
  return end - from;
}
