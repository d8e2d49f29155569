/**
 * Carries token changes between nodes over Redis pub/sub, when REDIS_URL is set: a
 * subscriber connection of its own (a subscribed ioredis connection can do nothing else) and the
 * app's shared connection to publish. After the subscriber reconnects, it reports `resync`.
 * `probe` publishes a message that must come back to this node's subscriber (Redis delivers in
 * publish order), so a silent subscriber is found; `reset` reconnects it.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { parseTokenChange, type ChangeTransport, type TokenChange } from '../domain/token-change.js';

const REDIS_CHANGE_CHANNEL = 'tokenward:token-changes';

export interface RedisChangeTransportOptions {
  /** The app's connection, used to publish. */
  publisher: Redis;
  /** Put before the channel's name (pub/sub channels do not take the connection's key prefix). */
  channelPrefix?: string;
  onError?: (error: unknown, context: string) => void;
}

export function createRedisChangeTransport(options: RedisChangeTransportOptions): ChangeTransport {
  const nodeId = randomUUID();
  const onError = options.onError ?? (() => undefined);
  const subscriber = options.publisher.duplicate();
  const channel = `${options.channelPrefix ?? ''}${REDIS_CHANGE_CHANNEL}`;
  let deliver: (change: TokenChange) => void = () => undefined;
  let isFirstReady = true;
  let probeSeq = 0;
  const probes = new Map<number, () => void>();

  // The connection's own errors are reported by the app's connection (the same server): not twice.
  subscriber.on('error', () => undefined);
  const subscribe = () => subscriber.subscribe(channel).catch((error: unknown) => onError(error, 'subscribing to redis token changes'));
  subscriber.on('ready', () => {
    // Subscribe on every connection (idempotent): the first one may have failed while Redis was away.
    void subscribe();
    if (isFirstReady) {
      isFirstReady = false;
      return;
    }
    // Back after an outage: forget what may have been missed.
    deliver({ kind: 'resync' });
  });
  subscriber.on('message', (heardOn: string, payload: string) => {
    if (heardOn !== channel) return;
    try {
      const envelope = JSON.parse(payload) as { n?: unknown; c?: unknown; p?: unknown };
      if (typeof envelope.p === 'number') {
        if (envelope.n === nodeId) probes.get(envelope.p)?.();
        return;
      }
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
      await options.publisher.publish(channel, JSON.stringify({ n: nodeId, c: change }));
    },
    async probe() {
      if (subscriber.status !== 'ready') throw new Error('the redis token change subscriber is not connected');
      probeSeq += 1;
      const seq = probeSeq;
      const heard = new Promise<void>((resolve) => probes.set(seq, resolve));
      try {
        await options.publisher.publish(channel, JSON.stringify({ n: nodeId, p: seq }));
        await heard;
      } finally {
        probes.delete(seq);
      }
    },
    reset() {
      probes.clear();
      subscriber.disconnect(true);
    },
    async close() {
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
