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
  // Not ioredis's own resubscription after a reconnect: its command's failure (Redis gone again, or
  // the connection closed before the answer) is left unhandled, which ends a Node process. The
  // `ready` handler below subscribes itself, with its failure handled.
  const subscriber = options.publisher.duplicate({ autoResubscribe: false });
  const channel = `${options.channelPrefix ?? ''}${REDIS_CHANGE_CHANNEL}`;
  let deliver: (change: TokenChange) => void = () => undefined;
  let isFirstReady = true;
  let probeSeq = 0;
  const probes = new Map<number, () => void>();

  // The connection's own errors are reported by the app's connection (the same server): not twice.
  subscriber.on('error', () => undefined);
  let isClosing = false;
  /**
   * Whether this connection's SUBSCRIBE was answered. A probe sent before that would be lost and
   * count as a silent listener: the bus would reset a connection that is merely starting, and the
   * probe it sends right after the reset would be lost again, for ever.
   */
  let isSubscribed = false;
  let onFirstSubscription: () => void = () => undefined;
  const firstSubscription = new Promise<void>((resolve) => (onFirstSubscription = resolve));
  subscriber.on('close', () => {
    isSubscribed = false;
  });
  const subscribe = () =>
    subscriber.subscribe(channel).then(
      () => {
        isSubscribed = true;
        onFirstSubscription();
      },
      (error: unknown) => {
        if (isClosing) return;
        onError(error, 'subscribing to redis token changes');
        // Connected but not subscribed (the answer timed out): start over; `ready` subscribes again.
        if (subscriber.status === 'ready') subscriber.disconnect(true);
      },
    );
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
      // The `ready` handler subscribes, whether the connection was ready before this or not.
      await Promise.race([firstSubscription, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    },
    async publish(change) {
      await options.publisher.publish(channel, JSON.stringify({ n: nodeId, c: change }));
    },
    async probe() {
      if (!isSubscribed) throw new Error('the redis token change subscriber is not subscribed');
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
      isSubscribed = false;
      subscriber.disconnect(true);
    },
    async close() {
      isClosing = true;
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
