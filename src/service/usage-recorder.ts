/**
 * Write-behind usage recording. `record` is synchronous and cheap (a map look-up and an
 * increment): the verify hot path never waits for a commit. Identical events of a flush window are
 * coalesced into one group with a count (src/domain/usage.ts). A flush runs every
 * `flushIntervalMs` (1 s), or as soon as `maxBatchEvents` (N) groups are waiting; each flush writes
 * batches of at most N groups, one short transaction each, raw events and aggregates together,
 * yielding to other work between batches.
 *
 * Overflow rule (bounded memory): at most `maxBufferedEvents` groups wait in memory. An event that
 * would open a group past that bound has its detail (route, IP, user agent) DROPPED and counted in
 * `dropped`; its token, day, result and time still go into a per-token-and-day counter, so calls,
 * errors and `lastActiveAt` stay right. A flush that fails (database down) puts its groups back,
 * within the same bound, and is retried at the next tick.
 *
 * Loss bound: `close()` (SIGTERM) flushes everything. SIGKILL loses what was recorded since the
 * last committed flush: at most one flush window (1 s, or N groups) plus the flush in flight.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { aggregateUsage, dayOf, sameUsageGroup, usageGroupKey, type TokenDayCounter, type UsageEvent, type UsageGroup } from '../domain/usage.js';
import { isErrorCode } from '../domain/verification.js';
import type { Database } from '../store/schema.js';
import { createUsageStore } from '../store/usage-store.js';

export interface UsageSink {
  record(event: UsageEvent): void;
}

export interface UsageRecorderOptions {
  flushIntervalMs: number;
  /** Groups per flush transaction; reaching it triggers a flush before the interval. */
  maxBatchEvents: number;
  /** Groups held in memory at most (the overflow bound). */
  maxBufferedEvents: number;
}

export const DEFAULT_USAGE_OPTIONS: UsageRecorderOptions = { flushIntervalMs: 1000, maxBatchEvents: 1000, maxBufferedEvents: 100_000 };

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
  /** Events committed to the database (coalesced events count each). */
  flushed: number;
  /** Events waiting for the next flush. */
  buffered: number;
  failedFlushes: number;
}

function mergeCounter(into: Map<string, TokenDayCounter>, counter: TokenDayCounter): void {
  const key = `${counter.tokenId}\u0000${counter.day}`;
  const existing = into.get(key);
  if (!existing) {
    into.set(key, { ...counter });
    return;
  }
  existing.calls += counter.calls;
  existing.errors += counter.errors;
  existing.firstAtMs = Math.min(existing.firstAtMs, counter.firstAtMs);
  existing.lastAtMs = Math.max(existing.lastAtMs, counter.lastAtMs);
}

/**
 * A new group of one event, its fields named one by one: on Node 20 `{ ...event, count }` costs
 * over a microsecond, and every event of a flush window that no group holds yet opens one.
 */
function openGroup(event: UsageEvent): UsageGroup {
  const group: UsageGroup = {
    atMs: event.atMs,
    orgId: event.orgId,
    tokenId: event.tokenId,
    code: event.code,
    method: event.method,
    route: event.route,
    ip: event.ip,
    userAgent: event.userAgent,
    upstreamStatus: event.upstreamStatus,
    count: 1,
    lastAtMs: event.atMs,
  };
  if (event.upstreamAccount !== undefined) group.upstreamAccount = event.upstreamAccount;
  return group;
}

export function createUsageRecorder(deps: UsageRecorderDeps) {
  const options = { ...DEFAULT_USAGE_OPTIONS, ...deps.options };
  const onError = deps.onError ?? (() => undefined);
  let pending = new Map<string, UsageGroup>();
  let pendingEvents = 0;
  /**
   * The group each token's last event went into. A token is mostly called the same way again (the
   * same caller, route and address), and comparing the fields costs far less than building the
   * group's key and hashing it: the hot path of every verification. Emptied whenever groups leave
   * `pending`, so a group found here is always the one `pending` holds under its key.
   */
  const lastGroupOf = new Map<string, UsageGroup>();
  /** Counters of events dropped past the bound, by token and day. */
  let overflow = new Map<string, TokenDayCounter>();
  const stats = { recorded: 0, dropped: 0, flushed: 0, failedFlushes: 0 };
  let flushing: Promise<void> | null = null;
  let isSoonScheduled = false;
  let closed = false;

  function countDropped(event: UsageEvent, count: number, lastAtMs: number): void {
    stats.dropped += count;
    if (event.tokenId === null) return;
    const errors = isErrorCode(event.code) ? count : 0;
    mergeCounter(overflow, { orgId: event.orgId, tokenId: event.tokenId, day: dayOf(event.atMs), calls: count, errors, firstAtMs: event.atMs, lastAtMs });
  }

  /** Takes at most one batch of groups out of the buffer. */
  function takeBatch(): UsageGroup[] {
    lastGroupOf.clear();
    if (pending.size <= options.maxBatchEvents) {
      const all = [...pending.values()];
      pending = new Map();
      return all;
    }
    const batch: UsageGroup[] = [];
    for (const [key, group] of pending) {
      if (batch.length >= options.maxBatchEvents) break;
      batch.push(group);
      pending.delete(key);
    }
    return batch;
  }

  function putBack(groups: UsageGroup[], counters: Map<string, TokenDayCounter>): void {
    for (const group of groups) {
      const key = usageGroupKey(group);
      const existing = pending.get(key);
      if (existing) {
        existing.count += group.count;
        existing.atMs = Math.min(existing.atMs, group.atMs);
        existing.lastAtMs = Math.max(existing.lastAtMs, group.lastAtMs);
      } else if (pending.size < options.maxBufferedEvents) {
        pending.set(key, group);
      } else {
        pendingEvents -= group.count;
        countDropped(group, group.count, group.lastAtMs);
      }
    }
    for (const counter of counters.values()) mergeCounter(overflow, counter);
  }

  async function writeOnce(): Promise<boolean> {
    if (pending.size === 0 && overflow.size === 0) return false;
    const groups = takeBatch();
    const events = groups.reduce((sum, group) => sum + group.count, 0);
    pendingEvents -= events;
    const counters = overflow;
    overflow = new Map();
    try {
      const batch = aggregateUsage(groups, counters.values());
      await deps.db.transaction().execute((trx) => createUsageStore(trx).writeBatch(batch));
      stats.flushed += events;
      return true;
    } catch (error) {
      stats.failedFlushes += 1;
      onError(error);
      pendingEvents += events;
      putBack(groups, counters);
      return false;
    }
  }

  /**
   * Writes what is buffered when called, batch by batch; what arrives meanwhile waits for the next
   * flush (so a flush ends even under sustained load).
   */
  function flush(): Promise<void> {
    if (flushing) return flushing.then(() => (pending.size > 0 || overflow.size > 0 ? flush() : undefined));
    let isWritten = true;
    flushing = (async () => {
      try {
        let batches = Math.max(1, Math.ceil(pending.size / options.maxBatchEvents));
        while (batches > 0 && (isWritten = await writeOnce())) {
          batches -= 1;
          // SQLite writes block the event loop: let requests through between batches.
          if (batches > 0) await yieldToEventLoop();
        }
      } finally {
        flushing = null;
        // Groups that reached the batch size while this flush was writing were not scheduled (a
        // flush was running): without this they would wait for the next window. After a failed
        // write the window paces the retries instead.
        if (isWritten && pending.size >= options.maxBatchEvents) flushSoon();
      }
    })();
    return flushing;
  }

  function flushSoon(): void {
    if (flushing || isSoonScheduled || closed) return;
    isSoonScheduled = true;
    setImmediate(() => {
      isSoonScheduled = false;
      void flush();
    });
  }

  const timer = setInterval(() => void flush(), options.flushIntervalMs);
  timer.unref();

  return {
    record(event: UsageEvent): void {
      stats.recorded += 1;
      const last = event.tokenId === null ? undefined : lastGroupOf.get(event.tokenId);
      const group = last !== undefined && sameUsageGroup(last, event) ? last : pending.get(usageGroupKey(event));
      if (group) {
        group.count += 1;
        if (event.atMs > group.lastAtMs) group.lastAtMs = event.atMs;
        pendingEvents += 1;
        if (group !== last && event.tokenId !== null) lastGroupOf.set(event.tokenId, group);
        return;
      }
      if (pending.size >= options.maxBufferedEvents) {
        countDropped(event, 1, event.atMs);
        return;
      }
      const opened = openGroup(event);
      pending.set(usageGroupKey(event), opened);
      if (event.tokenId !== null) lastGroupOf.set(event.tokenId, opened);
      pendingEvents += 1;
      if (pending.size >= options.maxBatchEvents) flushSoon();
    },

    flush,

    stats(): UsageStats {
      return { ...stats, buffered: pendingEvents };
    },

    /** Stops the timer and flushes everything (graceful shutdown: SIGTERM). */
    async close(): Promise<void> {
      closed = true;
      clearInterval(timer);
      await flush();
      // One retry if the last write failed: a shutdown is the last chance for these events.
      if (pending.size > 0 || overflow.size > 0) await flush();
    },
  };
}

export type UsageRecorder = ReturnType<typeof createUsageRecorder>;
