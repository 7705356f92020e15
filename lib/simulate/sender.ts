/**
 * Sends generated events to POST /api/v1/events the way a well-behaved client should: batches
 * of at most 5,000 events, a few requests at once, and retries that are safe because a retried
 * batch carries the same eventIds (the server counts what it already stored as duplicates).
 * 429 and 503 are retried after the server's Retry-After, and every request waits it out, not
 * only the one that was told; network errors and other 5xx are retried with backoff.
 * A refusal that no retry can fix (401, 400, 413...) stops the sender with a clear error.
 */
import { MAX_EVENTS_PER_BATCH, type EventInput } from "../ingest/event-schema";
import type { GeneratedEvent } from "./population";

export class SendError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "SendError";
  }
}

export interface RetryNotice {
  attempt: number;
  waitMs: number;
  events: number;
  /** The HTTP status, or the network error. */
  reason: string;
}

export interface SenderOptions {
  /** The codewatch server, e.g. http://localhost:3000. */
  url: string;
  /** An API key with the ingest scope. */
  key: string;
  batchSize?: number;
  concurrency?: number;
  /** Attempts per batch before giving up (the first one included). */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (notice: RetryNotice) => void;
}

export interface SenderStats {
  /** Events handed to the sender. */
  queued: number;
  /** Events in batches the server answered with 202. */
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** How often each rejection reason came back. */
  rejectedReasons: Record<string, number>;
  requests: number;
  retries: number;
}

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; error: string }[];
}

const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - nowMs;
  return Number.isNaN(ms) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

async function problemDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const problem = JSON.parse(text) as { detail?: unknown; title?: unknown };
    return String(problem.detail ?? problem.title ?? text);
  } catch {
    return text.slice(0, 200) || response.statusText;
  }
}

function refusal(status: number, detail: string, endpoint: string): SendError {
  if (status === 401) {
    return new SendError(
      `the key was refused (401): ${detail} Check --key, or create one with ` +
        "`npm run cw -- keys create --project <slug> --scopes ingest`.",
      status,
    );
  }
  if (status === 404) {
    return new SendError(
      `no ingest endpoint at ${endpoint} (404): is --url a codewatch server?`,
      status,
    );
  }
  return new SendError(`the server refused a batch (${status}): ${detail}`, status);
}

const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
};

export class EventSender {
  readonly stats: SenderStats = {
    queued: 0,
    sent: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    rejectedReasons: {},
    requests: 0,
    retries: 0,
  };
  private readonly endpoint: string;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly requestTimeoutMs: number;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Events of phones with a correct clock: no sentAt needed. */
  private buffer: EventInput[] = [];
  /** Events of phones with a wrong clock, by clock offset: each batch needs its own sentAt. */
  private readonly skewed = new Map<number, EventInput[]>();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | undefined;
  /** Set by a Retry-After: no request starts before then. */
  private pausedUntil = 0;

  constructor(private readonly options: SenderOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, "")}/api/v1/events`;
    this.batchSize = Math.min(MAX_EVENTS_PER_BATCH, Math.max(1, options.batchSize ?? 500));
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 10);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Fails fast, with a hint, when nothing answers at the URL, instead of retrying for a minute.
   * Any HTTP answer will do: the server may be up with its database still starting.
   */
  async probe(): Promise<void> {
    const health = `${this.options.url.replace(/\/+$/, "")}/api/health`;
    try {
      const response = await this.fetch(health, { signal: AbortSignal.timeout(10_000) });
      await response.body?.cancel();
    } catch (error) {
      throw new SendError(
        `cannot reach ${this.options.url} (${describeError(error)}): is codewatch running there?`,
      );
    }
  }

  /** Buffers events and sends full batches; waits while `concurrency` requests are running. */
  async add(events: readonly GeneratedEvent[]): Promise<void> {
    this.throwIfFailed();
    for (const { event, clockOffsetMs } of events) {
      this.stats.queued++;
      if (clockOffsetMs === 0) {
        this.buffer.push(event);
        if (this.buffer.length >= this.batchSize) await this.dispatch(this.takeBuffer(), 0);
        continue;
      }
      const group = this.skewed.get(clockOffsetMs) ?? [];
      this.skewed.set(clockOffsetMs, group);
      group.push(event);
      if (group.length >= this.batchSize) {
        this.skewed.delete(clockOffsetMs);
        await this.dispatch(group, clockOffsetMs);
      }
    }
  }

  /** Sends everything buffered and waits until every request is answered (or given up). */
  async flush(): Promise<void> {
    if (this.buffer.length) await this.dispatch(this.takeBuffer(), 0);
    for (const [offset, group] of [...this.skewed]) {
      this.skewed.delete(offset);
      await this.dispatch(group, offset);
    }
    while (this.inFlight.size) await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  private takeBuffer(): EventInput[] {
    const batch = this.buffer;
    this.buffer = [];
    return batch;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private async dispatch(events: EventInput[], clockOffsetMs: number): Promise<void> {
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const task: Promise<void> = this.post(events, clockOffsetMs)
      .catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private record(events: number, answer: IngestAnswer): void {
    this.stats.sent += events;
    this.stats.accepted += answer.accepted;
    this.stats.duplicates += answer.duplicates;
    this.stats.rejected += answer.rejected.length;
    for (const { error } of answer.rejected) {
      this.stats.rejectedReasons[error] = (this.stats.rejectedReasons[error] ?? 0) + 1;
    }
  }

  /** One batch, retried until it is answered, refused, or out of attempts. */
  private async post(events: EventInput[], clockOffsetMs: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const pause = this.pausedUntil - Date.now();
      if (pause > 0) await this.sleep(pause);
      if (this.failure) return; // another batch was refused for good: stop quietly
      let waitMs: number;
      let reason: string;
      try {
        this.stats.requests++;
        // A phone stamps sentAt by its own clock when it sends, so a retry stamps it afresh.
        const body =
          clockOffsetMs === 0 ? { events } : { sentAt: Date.now() + clockOffsetMs, events };
        const response = await this.fetch(this.endpoint, {
          method: "POST",
          headers: {
            authorization: `Bearer ${this.options.key}`,
            "content-type": "application/json",
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.requestTimeoutMs),
        });
        if (response.status === 202) {
          this.record(events.length, (await response.json()) as IngestAnswer);
          return;
        }
        const detail = await problemDetail(response);
        if (response.status !== 429 && response.status < 500) {
          throw refusal(response.status, detail, this.endpoint);
        }
        reason = `${response.status} ${detail}`;
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
        waitMs = retryAfter ?? this.backoff(attempt);
        if (retryAfter !== undefined) {
          this.pausedUntil = Math.max(this.pausedUntil, Date.now() + retryAfter);
        }
      } catch (error) {
        if (error instanceof SendError) throw error;
        reason = describeError(error);
        waitMs = this.backoff(attempt);
      }
      if (attempt >= this.maxAttempts) {
        throw new SendError(
          `gave up on a batch of ${events.length} events after ${attempt} attempts to ` +
            `${this.endpoint}; last: ${reason}`,
        );
      }
      this.stats.retries++;
      this.options.onRetry?.({ attempt, waitMs, events: events.length, reason });
      await this.sleep(waitMs);
    }
  }

  /** 0.5 s, 1 s, 2 s ... up to 10 s, with jitter so that parallel retries spread out. */
  private backoff(attempt: number): number {
    return Math.min(10_000, 500 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
  }
}
