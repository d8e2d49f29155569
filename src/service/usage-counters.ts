/**
 * Where the counts of per-token rate limits and quotas live (docs/verification.md "Rate limits and
 * quotas"). One node counts in memory; with Redis (REDIS_URL), every node counts in Redis, one
 * atomic script per verification of a limited token, so the nodes share exact counts.
 *
 * Redis failure, on purpose: a verification never waits on a broken Redis. A command that fails
 * (connection down, no answer within the command timeout) is counted in this node's memory
 * instead, so limits still hold per node while Redis is away (several nodes may then admit up to
 * their number times a limit); `tokenward_usage_limit_store_failures_total` counts these. When
 * Redis answers again, counting goes back to it (the memory counts of the outage are not merged).
 */
import type { UsageCounterStore } from '../domain/usage-limits.js';

export type { UsageCounterStore };

/** How often expired windows are dropped from memory. */
const SWEEP_EVERY_MS = 60_000;

export function createMemoryUsageCounters(): UsageCounterStore & { readonly size: number } {
  const counts = new Map<string, { count: number; expiresAtMs: number }>();
  let lastSweepMs = 0;
  const current = (key: string, nowMs: number) => {
    const entry = counts.get(key);
    return entry && entry.expiresAtMs > nowMs ? entry.count : 0;
  };
  return {
    take(counters, nowMs) {
      if (nowMs - lastSweepMs > SWEEP_EVERY_MS) {
        lastSweepMs = nowMs;
        for (const [key, entry] of counts) if (entry.expiresAtMs <= nowMs) counts.delete(key);
      }
      const before = counters.map((c) => current(c.key, nowMs));
      if (counters.some((c, i) => before[i]! >= c.limit)) return before;
      counters.forEach((c, i) => counts.set(c.key, { count: before[i]! + 1, expiresAtMs: c.resetAtMs ?? Number.POSITIVE_INFINITY }));
      return before;
    },
    peek: (counters, nowMs) => counters.map((c) => current(c.key, nowMs)),
    get size() {
      return counts.size;
    },
  };
}

/** The counter store a node uses: memory until a shared store is attached, memory again on its failures. */
export interface SwitchableUsageCounters extends UsageCounterStore {
  attachShared(store: UsageCounterStore): void;
  /** Shared-store commands that failed and were counted in memory instead. */
  failures(): number;
}

export function createUsageCounters(onError: (error: unknown, context: string) => void = () => undefined): SwitchableUsageCounters {
  const memory = createMemoryUsageCounters();
  let shared: UsageCounterStore | null = null;
  let failures = 0;
  let isFailing = false;
  const fallBack = (error: unknown) => {
    failures += 1;
    // One line per outage, not one per verification.
    if (!isFailing) onError(error, 'rate-limit counts: Redis failed, counting in this node\'s memory until it answers');
    isFailing = true;
  };
  async function takeShared(store: UsageCounterStore, counters: Parameters<UsageCounterStore['take']>[0], nowMs: number): Promise<readonly number[]> {
    try {
      const counts = await store.take(counters, nowMs);
      isFailing = false;
      return counts;
    } catch (error) {
      fallBack(error);
      return memory.take(counters, nowMs);
    }
  }
  return {
    attachShared(store) {
      shared = store;
    },
    // Synchronous while counting in memory: a limited verification then waits on no promise.
    take(counters, nowMs) {
      return shared ? takeShared(shared, counters, nowMs) : memory.take(counters, nowMs);
    },
    async peek(counters, nowMs) {
      if (!shared) return memory.peek(counters, nowMs);
      try {
        return await shared.peek(counters, nowMs);
      } catch (error) {
        fallBack(error);
        return memory.peek(counters, nowMs);
      }
    },
    failures: () => failures,
  };
}
