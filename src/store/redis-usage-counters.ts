/**
 * Rate-limit and quota counts shared by every node through Redis: one Lua script per verification
 * of a limited token reads the token's counters and, when all are below their limits, increments
 * them all, atomically. Exact across nodes (no overshoot while Redis answers), at the price of one
 * Redis round trip on those verifications only. Keys carry the token id in braces, so one token's
 * counters sit in one Redis Cluster slot.
 */
import type { Redis } from 'ioredis';
import type { LimitCounter, UsageCounterStore } from '../domain/usage-limits.js';

export const REDIS_LIMIT_PREFIX = 'tokenward:limits:';

// KEYS: the counters. ARGV: the limits, then each key's time to live in ms (0: kept until changed).
// Answers the counts before, and 1 when it counted.
const TAKE_SCRIPT = `
local n = #KEYS
local before = {}
local allowed = 1
for i = 1, n do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  before[i] = count
  if count >= tonumber(ARGV[i]) then allowed = 0 end
end
if allowed == 1 then
  for i = 1, n do
    local count = redis.call('INCR', KEYS[i])
    local ttl = tonumber(ARGV[n + i])
    if count == 1 and ttl > 0 then redis.call('PEXPIRE', KEYS[i], ttl) end
  end
end
before[n + 1] = allowed
return before
`;

/** The script as a command of the connection (ioredis sends EVALSHA, and the script once if Redis lacks it). */
type WithTakeCommand = Redis & { tokenwardTakeLimits(numberOfKeys: number, ...args: (string | number)[]): Promise<number[]> };

export function createRedisUsageCounters(redis: Redis): UsageCounterStore {
  if (!('tokenwardTakeLimits' in redis)) redis.defineCommand('tokenwardTakeLimits', { lua: TAKE_SCRIPT });
  const client = redis as WithTakeCommand;
  return {
    async take(counters: readonly LimitCounter[], nowMs: number) {
      const keys = counters.map((c) => REDIS_LIMIT_PREFIX + c.key);
      const limits = counters.map((c) => c.limit);
      // A window's key lives until its window ends (plus a second of clock skew between nodes).
      const ttls = counters.map((c) => (c.resetAtMs === null ? 0 : Math.max(1, c.resetAtMs - nowMs) + 1000));
      const answer = await client.tokenwardTakeLimits(keys.length, ...keys, ...limits, ...ttls);
      return answer.slice(0, counters.length).map(Number);
    },
    async peek(counters: readonly LimitCounter[]) {
      if (counters.length === 0) return [];
      const values = await redis.mget(...counters.map((c) => REDIS_LIMIT_PREFIX + c.key));
      return values.map((v) => (v === null ? 0 : Number(v)));
    },
  };
}
