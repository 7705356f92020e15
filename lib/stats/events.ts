/**
 * GET /api/v1/events: the newest events of one code, newest first, a page at a time, with what
 * a support or ops person reads in them (exception, message, cause, clock drift, where it came
 * from). Raw events are kept CW_RAW_RETENTION_DAYS: the range defaults to that window.
 */
import type { Principal } from "../auth/authorize";
import { recentEvents, type RecentEvent } from "../telemetry/reads";
import type { EventsQuery } from "./params";
import { readInScope } from "./scope";

const DAY_MS = 86_400_000;

export interface RecentEventDto extends Omit<RecentEvent, "occurredAt" | "receivedAt"> {
  occurredAt: string;
  receivedAt: string;
}

/** The position after `event`, for the next page's `before`. */
const cursorOf = (event: RecentEvent) =>
  `${event.occurredAt.toISOString()}_${event.receivedAt.toISOString()}`;

export async function getRecentEvents(
  principal: Principal,
  query: EventsQuery,
  nowMs = Date.now(),
) {
  return readInScope(principal, query, async (scope, filtered) => {
    const to = query.to ?? new Date(nowMs + 5 * 60_000);
    const from = query.from ?? new Date(nowMs - scope.rawDays * DAY_MS);
    const events = await recentEvents(
      scope.pool,
      scope.projectId,
      { code: query.code, from, to, limit: query.limit, before: query.before },
      filtered.filters,
    );
    const last = events.at(-1);
    return {
      code: query.code,
      from: from.toISOString(),
      to: to.toISOString(),
      events: events.map((e): RecentEventDto => ({
        ...e,
        occurredAt: e.occurredAt.toISOString(),
        receivedAt: e.receivedAt.toISOString(),
      })),
      /** Pass as `before` for the next page; null when this page was the last. */
      next: last && events.length === query.limit ? cursorOf(last) : null,
    };
  });
}
