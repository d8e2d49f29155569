/**
 * The rate limiters' counters: in Redis, shared by every node, and in this process whenever Redis
 * does not answer. While Redis is away the limits still hold, per node (with N nodes a caller may
 * get up to N times its budget); neither the API nor sign-in goes unlimited, and nothing waits on
 * Redis (its connection fails fast, see the composition root). When Redis is back, its counters
 * are used again.
 */
import { createRequire } from 'node:module';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface Store {
  incr(key: string, callback: Callback, timeWindow: number, max: number): void;
  read?(key: string, callback: Callback, timeWindow: number, max: number): void;
  child(routeOptions: unknown): Store;
}

type StoreCtor = new (continueExceeding: boolean, exponentialBackoff: boolean, ...rest: unknown[]) => Store;

// The plugin's own two stores (not exported by name): the same counting rules on both sides.
const require = createRequire(import.meta.url);
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as StoreCtor;
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as StoreCtor;

class FallbackStore implements FastifyRateLimitStore {
  constructor(
    private readonly shared: Store,
    private readonly local: Store,
    private readonly onRedisAnswer: (error: Error | null) => void,
  ) {}

  incr(key: string, callback: Callback, timeWindow: number, max: number): void {
    this.shared.incr(
      key,
      (error, result) => {
        this.onRedisAnswer(error);
        if (!error) return callback(null, result);
        this.local.incr(key, callback, timeWindow, max);
      },
      timeWindow,
      max,
    );
  }

  read(key: string, callback: Callback, timeWindow: number, max: number): void {
    this.shared.read!(
      key,
      (error, result) => {
        this.onRedisAnswer(error);
        if (!error) return callback(null, result);
        this.local.read!(key, callback, timeWindow, max);
      },
      timeWindow,
      max,
    );
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    return new FallbackStore(this.shared.child(routeOptions), this.local.child(routeOptions), this.onRedisAnswer);
  }
}

/**
 * A store class for @fastify/rate-limit: Redis first, this process's counters when Redis fails.
 * `onRedisAnswer` hears each Redis outcome (null: it answered), to track Redis's health.
 */
export function redisStoreWithLocalFallback(redis: Redis, nameSpace: string, onRedisAnswer: (error: Error | null) => void): FastifyRateLimitStoreCtor {
  return class extends FallbackStore {
    constructor(options: FastifyRateLimitOptions) {
      // The plugin passes its resolved parameters, which carry these two flags.
      const { continueExceeding = false, exponentialBackoff = false } = options as { continueExceeding?: boolean; exponentialBackoff?: boolean };
      super(new RedisStore(continueExceeding, exponentialBackoff, redis, nameSpace), new LocalStore(continueExceeding, exponentialBackoff), onRedisAnswer);
    }
  };
}
