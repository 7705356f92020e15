/**
 * The server's one logger (pino): JSON lines with level, time, message and, while a request is
 * served, its request id (lib/http/route.ts), so an operator can ship and search them; readable
 * lines with CW_LOG_FORMAT=pretty (the demo). Errors go in as `{ err }`, which pino serialises
 * with their stack and cause. The command line's own progress lines are not logs: they go to
 * stderr through scripts/commands/log.ts.
 */
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

import { getEnv } from "./env";

export type { Logger };

const holder = globalThis as typeof globalThis & { __codewatchLogger?: Logger };

function createLogger(): Logger {
  const env = getEnv();
  const options = { level: env.CW_LOG_LEVEL, base: undefined };
  if (env.CW_LOG_FORMAT === "pretty") {
    return pino(
      options,
      pretty({
        sync: true,
        colorize: false,
        translateTime: "SYS:HH:MM:ss",
        ignore: "pid,hostname",
      }),
    );
  }
  return pino({ ...options, timestamp: pino.stdTimeFunctions.isoTime });
}

/** The process's logger (one per process, shared by every bundle of the Next.js server). */
export function logger(): Logger {
  holder.__codewatchLogger ??= createLogger();
  return holder.__codewatchLogger;
}
