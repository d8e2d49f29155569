/**
 * Rate-limit and quota counts: the memory store and the Redis store count all of a token's
 * counters or none; with Redis unreachable, a node counts in its own memory and says so.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { countersOf, judgeCounts, type UsageCounterStore } from '../../src/domain/usage-limits.js';
import { createMemoryUsageCounters, createUsageCounters } from '../../src/service/usage-counters.js';
import { createRedisUsageCounters, REDIS_LIMIT_PREFIX } from '../../src/store/redis-usage-counters.js';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 30);
const limitsOf = (tokenId: string) => countersOf(tokenId, [{ source: 'token', limits: { rateLimits: [{ limit: 3, windowSeconds: 60 }], quota: { uses: 5, refillEverySeconds: null } } }], NOW);

async function useUp(store: UsageCounterStore, tokenId: string, attempts: number) {
  const codes: string[] = [];
  for (let i = 0; i < attempts; i += 1) {
    const counters = countersOf(tokenId, [{ source: 'token', limits: { rateLimits: [{ limit: 3, windowSeconds: 60 }], quota: { uses: 5, refillEverySeconds: null } } }], NOW + Math.floor(i / 3) * 60_000);
    const judged = judgeCounts(counters, await store.take(counters, NOW));
    codes.push(judged.allowed ? 'ok' : judged.figure!.kind);
  }
  return codes;
}

const stores: Array<[string, () => UsageCounterStore]> = [
  ['memory', () => createMemoryUsageCounters()],
  ['Redis', () => createRedisUsageCounters(redis)],
];
const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });

afterAll(async () => {
  if (redis.status === 'ready') await redis.quit();
});

describe.each(stores)('usage counters in %s', (_name, make) => {
  it('counts every counter or none: a full window takes nothing from the quota', async () => {
    const store = make();
    const tokenId = `tok_${randomUUID()}`;
    // 3 per window over two windows and a bit; the quota of 5 runs out in the second window.
    expect(await useUp(store, tokenId, 8)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'quota', 'quota', 'quota']);
    expect(await store.peek(limitsOf(tokenId), NOW)).toEqual([3, 5]);
  });
});

describe('usage counters when Redis cannot be reached', () => {
  it('counts in the node\'s memory instead, once per outage in the log, every failure counted', async () => {
    const broken = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    broken.on('error', () => undefined);
    const logged: string[] = [];
    const counters = createUsageCounters((_error, context) => logged.push(context));
    counters.attachShared(createRedisUsageCounters(broken));
    const tokenId = `tok_${randomUUID()}`;
    expect(await useUp(counters, tokenId, 4)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(counters.failures()).toBe(4);
    expect(logged).toHaveLength(1);
    // The first window's 3, and 4 of the quota (the fourth use fell in the next window).
    expect(await counters.peek(limitsOf(tokenId), NOW)).toEqual([3, 4]);
    broken.disconnect();
  });

  it('keeps Redis keys no longer than their window (plus a second), and a quota that never refills for good', async () => {
    const store = createRedisUsageCounters(redis);
    const tokenId = `tok_${randomUUID()}`;
    const counters = limitsOf(tokenId);
    await store.take(counters, NOW);
    const [windowTtl, quotaTtl] = await Promise.all(counters.map((c) => redis.pttl(REDIS_LIMIT_PREFIX + c.key)));
    expect(windowTtl).toBeGreaterThan(0);
    expect(windowTtl).toBeLessThanOrEqual(counters[0]!.resetAtMs! - NOW + 1000);
    expect(quotaTtl).toBe(-1);
    await redis.del(...counters.map((c) => REDIS_LIMIT_PREFIX + c.key));
  });
});
