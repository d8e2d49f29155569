/**
 * Write-behind usage recording (issue #7). `record` is synchronous and cheap (an array push): the
 * verify hot path never waits for a commit. A flush runs every `flushIntervalMs` (1 s), or as soon
 * as `maxBatchEvents` (N) are waiting; each flush writes whole batches of at most N events, one
 * transaction each, raw events and aggregates together.
 *
 * Overflow rule (bounded memory): at most `maxBufferedEvents` raw events wait in memory. Past that
 * bound an event's detail (route, IP, user agent) is DROPPED and counted in `dropped`; its token,
 * day, result and time still go into a per-token-and-day counter, so calls, errors and
 * `lastActiveAt` stay right. A flush that fails (database down) puts its events back, within the
 * same bound, and is retried at the next tick.
 *
 * Loss bound: `close()` (SIGTERM) flushes everything. SIGKILL loses what was recorded since the
 * last committed flush: at most one flush window (1 s, or N events) plus the flush in flight.
 */
import type { Kysely } from 'kysely';
import { aggregateUsage, dayOf, type TokenDayCounter, type UsageEvent } from '../domain/usage.js';
import { isErrorCode } from '../domain/verification.js';
import type { Database } from '../store/schema.js';
import { createUsageStore } from '../store/usage-store.js';

export interface UsageSink {
  record(event: UsageEvent): void;
}

export interface UsageRecorderOptions {
  flushIntervalMs: number;
  maxBatchEvents: number;
  maxBufferedEvents: number;
}

export const DEFAULT_USAGE_OPTIONS: UsageRecorderOptions = { flushIntervalMs: 1000, maxBatchEvents: 5000, maxBufferedEvents: 200_000 };

export interface UsageRecorderDeps {
  db: Kysely<Database>;
  options?: Partial<UsageRecorderOptions> | undefined;
  onError?: (error: unknown) => void;
}

export interface UsageStats {
  /** Events accepted by `record`. */
  recorded: number;
  /** Events whose detail was dropped past the buffer bound (counted in aggregates still). */
  dropped: number;
  /** Events committed to the database. */
  flushed: number;
  buffered: number;
  failedFlushes: number;
}

export function createUsageRecorder(deps: UsageRecorderDeps) {
  const options = { ...DEFAULT_USAGE_OPTIONS, ...deps.options };
  const onError = deps.onError ?? (() => undefined);
  let pending: UsageEvent[] = [];
  /** Counters of events dropped past the bound, by token and day. */
  let overflow = new Map<string, TokenDayCounter>();
  const stats: UsageStats = { recorded: 0, dropped: 0, flushed: 0, buffered: 0, failedFlushes: 0 };
  let flushing: Promise<void> | null = null;
  let isSoonScheduled = false;
  let closed = false;

  function countDropped(event: UsageEvent): void {
    stats.dropped += 1;
    if (event.tokenId === null) return;
    const day = dayOf(event.atMs);
    const key = `${event.tokenId}\u0000${day}`;
    const error = isErrorCode(event.code) ? 1 : 0;
    const counter = overflow.get(key);
    if (counter) {
      counter.calls += 1;
      counter.errors += error;
      counter.firstAtMs = Math.min(counter.firstAtMs, event.atMs);
      counter.lastAtMs = Math.max(counter.lastAtMs, event.atMs);
    } else {
      overflow.set(key, { orgId: event.orgId, tokenId: event.tokenId, day, calls: 1, errors: error, firstAtMs: event.atMs, lastAtMs: event.atMs });
    }
  }

  async function writeOnce(): Promise<boolean> {
    if (pending.length === 0 && overflow.size === 0) return false;
    const events = pending.length <= options.maxBatchEvents ? pending : pending.slice(0, options.maxBatchEvents);
    pending = pending.length <= options.maxBatchEvents ? [] : pending.slice(options.maxBatchEvents);
    const counters = overflow;
    overflow = new Map();
    try {
      const batch = aggregateUsage(events, counters.values());
      await deps.db.transaction().execute((trx) => createUsageStore(trx).writeBatch(batch));
      stats.flushed += events.length;
      return true;
    } catch (error) {
      stats.failedFlushes += 1;
      onError(error);
      // Back in front, within the bound; what does not fit is counted as dropped.
      const room = Math.max(0, options.maxBufferedEvents - pending.length);
      for (const event of events.slice(room)) countDropped(event);
      pending = events.slice(0, room).concat(pending);
      for (const [key, counter] of counters) {
        const existing = overflow.get(key);
        if (!existing) overflow.set(key, counter);
        else {
          existing.calls += counter.calls;
          existing.errors += counter.errors;
          existing.firstAtMs = Math.min(existing.firstAtMs, counter.firstAtMs);
          existing.lastAtMs = Math.max(existing.lastAtMs, counter.lastAtMs);
        }
      }
      return false;
    }
  }

  /** Writes everything buffered when called (and anything arriving meanwhile, batch by batch). */
  function flush(): Promise<void> {
    if (flushing) return flushing.then(() => (pending.length > 0 || overflow.size > 0 ? flush() : undefined));
    flushing = (async () => {
      try {
        while (await writeOnce()) {
          if (pending.length === 0 && overflow.size === 0) break;
        }
      } finally {
        flushing = null;
      }
    })();
    return flushing;
  }

  const timer = setInterval(() => void flush(), options.flushIntervalMs);
  timer.unref();

  return {
    record(event: UsageEvent): void {
      stats.recorded += 1;
      if (pending.length >= options.maxBufferedEvents) {
        countDropped(event);
        return;
      }
      pending.push(event);
      if (pending.length >= options.maxBatchEvents && !flushing && !isSoonScheduled && !closed) {
        isSoonScheduled = true;
        setImmediate(() => {
          isSoonScheduled = false;
          void flush();
        });
      }
    },

    flush,

    stats(): UsageStats {
      return { ...stats, buffered: pending.length };
    },

    /** Stops the timer and flushes everything (graceful shutdown: SIGTERM). */
    async close(): Promise<void> {
      closed = true;
      clearInterval(timer);
      await flush();
      // One retry if the last write failed: a shutdown is the last chance for these events.
      if (pending.length > 0 || overflow.size > 0) await flush();
    },
  };
}

export type UsageRecorder = ReturnType<typeof createUsageRecorder>;
