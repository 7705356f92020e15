/**
 * `simulate`: realistic telemetry through the real HTTP API (lib/simulate). History first when
 * --backfill-days is given (old timestamps, as fast as the server takes them), then live traffic
 * at the model's rate for --duration, or until Ctrl+C.
 */
import { randomInt } from "node:crypto";

import { Option, type Command } from "commander";

import { createPrismaClient } from "../../lib/db/client";
import { createApiKey } from "../../lib/projects/repository";
import type { GeneratedEvent } from "../../lib/simulate/population";
import {
  createTraffic,
  isScenarioName,
  pastIncidents,
  SCENARIO_NAMES,
  SCENARIOS,
  type ScenarioSpec,
  type Traffic,
} from "../../lib/simulate/scenarios";
import { EventSender, type SenderStats } from "../../lib/simulate/sender";
import { FLEET_UTC_OFFSET_HOURS, MINUTE_MS } from "../../lib/simulate/traffic-model";
import { withDatabase } from "./database";
import { step } from "./log";

const DAY_MS = 86_400_000;
/** Raw events are kept 30 days; a day of margin so the oldest are not expired on arrival. */
export const MAX_BACKFILL_DAYS = 29;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS };

/** "90s", "10m", "2h", "1d", "500ms"; a bare number is seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration; use e.g. 90s, 10m, 2h or 1d`);
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? "s"] ?? 1000));
}

/** "now", "-3h" / "+10m" relative to now, or an ISO 8601 time. */
export function parseInstant(text: string, nowMs: number): number {
  const value = text.trim();
  if (value === "now") return nowMs;
  if (/^[+-]/.test(value)) {
    return nowMs + (value.startsWith("-") ? -1 : 1) * parseDuration(value.slice(1));
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`"${text}" is not a time; use now, -3h, +10m or ISO 8601`);
  return ms;
}

function parseNumber(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name} must be a number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

interface SimulateOptions {
  url: string;
  key?: string;
  project?: string;
  scenario?: string;
  scenarioStart?: string;
  scenarioDuration?: string;
  rate: string;
  duration?: string;
  backfillDays?: string;
  historyIncidents: boolean;
  scenarioScale?: string;
  historyScale: string;
  seed?: string;
  utcOffset: string;
  batchSize: string;
  concurrency: string;
}

async function createIngestKey(project: string): Promise<string> {
  return withDatabase(async (url) => {
    const db = createPrismaClient(url, 2);
    try {
      const created = await createApiKey(db, {
        projectSlug: project,
        scopes: ["ingest"],
        name: "simulator",
        createdBy: "cli",
      });
      step(`simulate: created ingest key ${created.displayPrefix}… for ${created.project}`);
      return created.key;
    } finally {
      await db.$disconnect();
    }
  });
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const count = (n: number) => n.toLocaleString("en-US");

/** Progress on stderr, at most once a second. */
class Progress {
  private lastAt = 0;
  private lastSent = 0;
  private readonly startedAt = Date.now();

  constructor(private readonly stats: SenderStats) {}

  report(where: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastAt < 1000) return;
    const seconds = Math.max(0.001, (now - (this.lastAt || this.startedAt)) / 1000);
    const rate = Math.round((this.stats.sent - this.lastSent) / seconds);
    this.lastAt = now;
    this.lastSent = this.stats.sent;
    step(
      `simulate: ${where} · ${count(this.stats.sent)} sent · ${count(rate)}/s · accepted ` +
        `${count(this.stats.accepted)} · duplicates ${count(this.stats.duplicates)} · rejected ` +
        `${count(this.stats.rejected)}`,
    );
  }

  summary(): string {
    const s = this.stats;
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    return (
      `simulate: sent ${count(s.sent)} events in ${seconds}s (${count(s.requests)} requests, ` +
      `${count(s.retries)} retries): accepted ${count(s.accepted)}, duplicates ` +
      `${count(s.duplicates)}, rejected ${count(s.rejected)}`
    );
  }
}

/** Ctrl+C stops gracefully (finish the requests in flight); a second one exits at once. */
function stopOnInterrupt(): { stopped: () => boolean; wait: (ms: number) => Promise<void> } {
  let stop = false;
  let wake = () => {};
  process.once("SIGINT", () => {
    stop = true;
    step("simulate: stopping after the requests in flight (Ctrl+C again to quit now)");
    process.once("SIGINT", () => process.exit(130));
    wake();
  });
  return {
    stopped: () => stop,
    wait: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
  };
}

interface Run {
  traffic: Traffic;
  sender: EventSender;
  progress: Progress;
  interrupt: ReturnType<typeof stopOnInterrupt>;
}

/** History from `fromMs` to `toMs`, minute by minute, oldest first. */
async function backfill(run: Run, fromMs: number, toMs: number): Promise<void> {
  for (
    let minute = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
    minute < toMs;
    minute += MINUTE_MS
  ) {
    if (run.interrupt.stopped()) break;
    const events = run.traffic
      .eventsForMinute(minute)
      .filter((e) => e.atMs >= fromMs && e.atMs < toMs);
    await run.sender.add(events);
    const done = Math.round(((minute - fromMs) / (toMs - fromMs)) * 100);
    run.progress.report(`backfill ${iso(minute).slice(0, 16)}Z (${done}%)`);
  }
  await run.sender.flush();
  run.progress.report("backfill done", true);
}

/**
 * Live traffic from `fromMs`: each second, the events whose time has come are sent. Starting
 * where a backfill ended leaves no gap: what happened meanwhile goes out at once.
 */
async function live(run: Run, fromMs: number, endMs: number): Promise<void> {
  let cursor = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
  let pending: GeneratedEvent[] = [];
  for (;;) {
    const tickStart = Date.now();
    const until = Math.min(tickStart, endMs);
    while (cursor <= until) {
      pending.push(...run.traffic.eventsForMinute(cursor).filter((e) => e.atMs >= fromMs));
      cursor += MINUTE_MS;
    }
    const due = pending.findIndex((e) => e.atMs > until);
    const ready = due < 0 ? pending : pending.slice(0, due);
    pending = due < 0 ? [] : pending.slice(due);
    await run.sender.add(ready);
    await run.sender.flush();
    run.progress.report(`live ${iso(until)}`);
    if (until >= endMs || run.interrupt.stopped()) return;
    await run.interrupt.wait(Math.max(0, 1000 - (Date.now() - tickStart)));
    if (run.interrupt.stopped()) return;
  }
}

function planScenarios(
  options: SimulateOptions,
  nowMs: number,
  backfillFromMs: number | undefined,
  utcOffsetHours: number,
): ScenarioSpec[] {
  const specs: ScenarioSpec[] = [];
  // Without live traffic to show them, scenarios go into the history: a day back at most.
  const defaultStart =
    backfillFromMs !== undefined && options.duration === undefined
      ? nowMs - Math.min(DAY_MS, (nowMs - backfillFromMs) / 2)
      : nowMs;
  if (backfillFromMs !== undefined && options.historyIncidents) {
    const scale = parseNumber("--history-scale", options.historyScale, 0.01, 1000);
    specs.push(...pastIncidents(backfillFromMs, nowMs, utcOffsetHours, scale));
  }
  const names = (options.scenario ?? "")
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!isScenarioName(name)) {
      throw new Error(`unknown scenario "${name}"; use one of ${SCENARIO_NAMES.join(", ")}`);
    }
    specs.push({
      name,
      startMs: options.scenarioStart ? parseInstant(options.scenarioStart, nowMs) : defaultStart,
      durationMs: options.scenarioDuration ? parseDuration(options.scenarioDuration) : undefined,
      scale: options.scenarioScale
        ? parseNumber("--scenario-scale", options.scenarioScale, 0.01, 1000)
        : undefined,
    });
  }
  return specs;
}

async function simulate(options: SimulateOptions): Promise<void> {
  const rate = parseNumber("--rate", options.rate, 0.001, 100_000);
  const utcOffsetHours = parseNumber("--utc-offset", options.utcOffset, -12, 14);
  const seed = options.seed
    ? parseNumber("--seed", options.seed, 0, 4_294_967_295)
    : randomInt(0, 2 ** 31);
  const durationMs = options.duration ? parseDuration(options.duration) : undefined;
  let backfillDays = options.backfillDays
    ? parseNumber("--backfill-days", options.backfillDays, 0, 10_000)
    : undefined;
  if (backfillDays !== undefined && backfillDays > MAX_BACKFILL_DAYS) {
    step(`simulate: --backfill-days capped at ${MAX_BACKFILL_DAYS} (raw events are kept 30 days)`);
    backfillDays = MAX_BACKFILL_DAYS;
  }
  if (!options.key && !options.project) {
    throw new Error("give --key <ingest key>, or --project <slug> to create one for this run");
  }
  const batchSize = parseNumber("--batch-size", options.batchSize, 1, 5000);
  const concurrency = parseNumber("--concurrency", options.concurrency, 1, 64);
  const nowMs = Date.now();
  const backfillFromMs = backfillDays ? nowMs - backfillDays * DAY_MS : undefined;
  const scenarios = planScenarios(options, nowMs, backfillFromMs, utcOffsetHours);
  const traffic = createTraffic({ seed, rate, utcOffsetHours, scenarios });
  step(
    `simulate: seed ${seed} (--seed ${seed} repeats this run) · normal traffic ${rate} events/s ` +
      `on weekly average, rhythm in UTC${utcOffsetHours >= 0 ? "+" : ""}${utcOffsetHours}`,
  );
  for (const s of traffic.scenarios) {
    step(`simulate: scenario ${s.name} ${iso(s.startMs)} → ${iso(s.endMs)}`);
  }

  // Only now that every option is good: a key created for a run that cannot start is litter.
  const key = options.key ?? (await createIngestKey(options.project!));
  let lastRetryLog = 0;
  const sender = new EventSender({
    url: options.url,
    key,
    batchSize,
    concurrency,
    onRetry(notice) {
      if (Date.now() - lastRetryLog < 1000) return;
      lastRetryLog = Date.now();
      step(
        `simulate: retrying a batch of ${notice.events} in ${(notice.waitMs / 1000).toFixed(1)}s ` +
          `(attempt ${notice.attempt}: ${notice.reason})`,
      );
    },
  });
  await sender.probe();
  const progress = new Progress(sender.stats);
  const run: Run = { traffic, sender, progress, interrupt: stopOnInterrupt() };
  try {
    if (backfillFromMs !== undefined) await backfill(run, backfillFromMs, nowMs);
    if (backfillFromMs === undefined || durationMs !== undefined) {
      const liveFrom = backfillFromMs === undefined ? Date.now() : nowMs;
      const endMs = durationMs === undefined ? Infinity : Date.now() + durationMs;
      if (!run.interrupt.stopped()) await live(run, liveFrom, endMs);
    }
  } finally {
    const reasons = Object.entries(sender.stats.rejectedReasons).sort((a, b) => b[1] - a[1]);
    for (const [reason, n] of reasons.slice(0, 3))
      step(`simulate: rejected ${count(n)}: ${reason}`);
    console.log(progress.summary());
  }
}

export function registerSimulateCommand(program: Command): void {
  program
    .command("simulate")
    .description("send realistic error-code telemetry through the HTTP API (history and/or live)")
    .option("--url <url>", "the codewatch server", "http://localhost:3000")
    .addOption(
      // From the environment too, so the key need not show in `ps` (arguments are public there).
      new Option("--key <key>", "an API key with the ingest scope").env("CW_INGEST_KEY"),
    )
    .option(
      "--project <slug>",
      "create a fresh ingest key for this project (when --key is not given)",
    )
    .option("--scenario <names>", `incidents to add, comma-separated: ${SCENARIO_NAMES.join(", ")}`)
    .option(
      "--scenario-start <time>",
      "when the scenarios begin: now, -3h, +10m or ISO 8601 (default: now; a day back with only --backfill-days)",
    )
    .option("--scenario-duration <duration>", "how long they last (default: each its own)")
    .option("--scenario-scale <factor>", "multiplies the scenarios' volume (default 1)")
    .option("--rate <events/s>", "normal events per second, on weekly average", "2")
    .option(
      "--duration <duration>",
      "live traffic for this long, e.g. 10m, 90s (default: until Ctrl+C)",
    )
    .option(
      "--backfill-days <n>",
      `first write the last n days of history (at most ${MAX_BACKFILL_DAYS}); live traffic follows only with --duration`,
    )
    .option(
      "--no-history-incidents",
      "leave out the past incidents a backfill adds (a certificate expiry, a load-balancer node, a pairing wave after a release)",
    )
    .option("--history-scale <factor>", "multiplies the past incidents' volume", "1")
    .option("--seed <n>", "makes a run repeatable, eventIds included (default: random)")
    .option(
      "--utc-offset <hours>",
      "the fleet's time zone, for the daily rhythm",
      String(FLEET_UTC_OFFSET_HOURS),
    )
    .option("--batch-size <n>", "events per request (at most 5000)", "500")
    .option("--concurrency <n>", "requests at once", "4")
    .addHelpText(
      "after",
      `\nScenarios:\n${SCENARIO_NAMES.map((n) => `  ${n.padEnd(15)} ${SCENARIOS[n].description}`).join("\n")}\n\n` +
        "Examples:\n" +
        "  npm run cw -- simulate --project demo --backfill-days 14\n" +
        "  npm run cw -- simulate --key cw_... --scenario cert-expiry --duration 15m --rate 5\n",
    )
    .action((options: SimulateOptions) => simulate(options));
}
