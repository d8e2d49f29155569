/**
 * Carries token changes between nodes over Redis pub/sub (issue #7), when REDIS_URL is set: a
 * subscriber connection of its own (a subscribed ioredis connection can do nothing else) and the
 * app's shared connection to publish. After the subscriber reconnects, it reports `resync`.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { parseTokenChange, type ChangeTransport, type TokenChange } from '../domain/token-change.js';

export const REDIS_CHANGE_CHANNEL = 'tokenward:token-changes';

export interface RedisChangeTransportOptions {
  /** The app's connection, used to publish. */
  publisher: Redis;
  onError?: (error: unknown, context: string) => void;
}

export function createRedisChangeTransport(options: RedisChangeTransportOptions): ChangeTransport {
  const nodeId = randomUUID();
  const onError = options.onError ?? (() => undefined);
  const subscriber = options.publisher.duplicate();
  let deliver: (change: TokenChange) => void = () => undefined;
  let isFirstReady = true;

  subscriber.on('error', (error: Error) => onError(error, 'redis token change subscriber'));
  const subscribe = () => subscriber.subscribe(REDIS_CHANGE_CHANNEL).catch((error: unknown) => onError(error, 'subscribing to redis token changes'));
  subscriber.on('ready', () => {
    if (isFirstReady) {
      isFirstReady = false;
      return;
    }
    // Back after an outage: subscribe again (idempotent) and forget what may have been missed.
    void subscribe();
    deliver({ kind: 'resync' });
  });
  subscriber.on('message', (channel: string, payload: string) => {
    if (channel !== REDIS_CHANGE_CHANNEL) return;
    try {
      const envelope = JSON.parse(payload) as { n?: unknown; c?: unknown };
      if (envelope.n === nodeId) return;
      const change = parseTokenChange(envelope.c);
      if (change) deliver(change);
    } catch (error) {
      onError(error, 'reading a redis token change');
    }
  });

  return {
    name: 'Redis pub/sub',
    async start(handler) {
      deliver = handler;
      // Not awaited to the end: a Redis outage must not keep the server from starting (the rate
      // limiter keeps serving without Redis too); the cache TTL bounds staleness meanwhile.
      await Promise.race([subscribe(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    },
    async publish(change) {
      await options.publisher.publish(REDIS_CHANGE_CHANNEL, JSON.stringify({ n: nodeId, c: change }));
    },
    async close() {
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
