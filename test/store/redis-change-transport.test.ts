/**
 * The Redis change transport when its subscription stalls: a real Redis behind a TCP proxy that
 * holds every byte of the subscriber's connection once it has sent SUBSCRIBE, while the
 * publishing connection keeps working. The bus's probe goes unanswered and resets the subscriber;
 * the new connection's SUBSCRIBE times out too. Nothing of that may be left unhandled (Node ends a
 * process on an unhandled rejection), and the bus hears the other nodes again once Redis answers.
 * A node whose own event loop was busy reports no outage for it.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenChangeBus, type TokenChange, type TokenChangeBus } from '../../src/service/token-change-bus.js';
import { createRedisChangeTransport } from '../../src/store/redis-change-transport.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/** The options of the server's own Redis connection, which the subscriber inherits. */
const SERVER_REDIS_OPTIONS = { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 1000, enableOfflineQueue: false };

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return performance.now() - started;
}

describe('Redis change transport', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('leaves no failure unhandled while its subscription stalls, and hears the other nodes again after', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    cleanups.push(() => process.off('unhandledRejection', onUnhandled));

    const proxy: TcpProxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    cleanups.push(() => proxy.close());
    const channelPrefix = `test-${randomBytes(4).toString('hex')}:`;
    const errors: string[] = [];
    const liveness: boolean[] = [];
    const busOver = (url: string, onLivenessChange?: (isLive: boolean) => void) => {
      const publisher = new Redis(url, SERVER_REDIS_OPTIONS);
      publisher.on('error', () => undefined);
      const bus: TokenChangeBus = createTokenChangeBus({
        transport: createRedisChangeTransport({ publisher, channelPrefix, onError: (_error, context) => errors.push(context) }),
        liveness: { probeIntervalMs: 100, liveWindowMs: 500, probeDeadlineMs: 1500 },
        onLivenessChange,
      });
      cleanups.push(async () => {
        await bus.close();
        publisher.disconnect();
      });
      return bus;
    };
    // This node talks to Redis through the proxy; the other one directly.
    const here = busOver(`redis://${proxy.address}`, (isLive) => liveness.push(isLive));
    const other = busOver('redis://127.0.0.1:6379');
    const heard: TokenChange[] = [];
    here.subscribe((change) => heard.push(change));
    await Promise.all([here.start(), other.start()]);
    await until(() => here.isLive() && liveness.length === 0, 5000, 'the first probes');
    other.tokensChanged('org_a', ['tok_before']);
    await until(() => heard.some((c) => c.kind === 'tokens' && c.tokenIds.includes('tok_before')), 5000, 'a change before the stall');

    // The subscriber's connection freezes; its reconnections freeze as soon as they subscribe.
    proxy.stall({ matching: 'subscribe' });
    await until(() => liveness.includes(false), 5000, 'the stall to be noticed');
    // The probe resets the subscriber; the new connection's SUBSCRIBE is held, and times out.
    await until(() => errors.includes('subscribing to redis token changes'), 15_000, 'the new subscription to time out');
    expect(here.isLive()).toBe(false);

    proxy.restore();
    const recoveredMs = await until(() => here.isLive(), 10_000, 'the subscriber to hear the other nodes again');
    other.tokensChanged('org_a', ['tok_after']);
    await until(() => heard.some((c) => c.kind === 'tokens' && c.tokenIds.includes('tok_after')), 5000, 'a change after the stall');
    expect(liveness.at(-1)).toBe(true);
    expect(unhandled).toEqual([]);
    console.info(`the stalled subscriber heard the other nodes again ${Math.round(recoveredMs)} ms after Redis answered`);
  }, 60_000);

  // A node whose event loop is busy longer than the live window (a long start-up step) reads the
  // probes' answers late: its cache is dropped, as it may have missed changes, but no outage is
  // reported, as the next probe comes back at once.
  it('reports no outage when its own event loop was busy, and still drops its cache', async () => {
    const publisher = new Redis('redis://127.0.0.1:6379', SERVER_REDIS_OPTIONS);
    publisher.on('error', () => undefined);
    const liveness: boolean[] = [];
    const bus = createTokenChangeBus({
      transport: createRedisChangeTransport({ publisher, channelPrefix: `test-${randomBytes(4).toString('hex')}:`, onError: () => undefined }),
      liveness: { probeIntervalMs: 100, liveWindowMs: 500, probeDeadlineMs: 1500 },
      onLivenessChange: (isLive) => liveness.push(isLive),
    });
    cleanups.push(async () => {
      await bus.close();
      publisher.disconnect();
    });
    const heard: TokenChange[] = [];
    bus.subscribe((change) => heard.push(change));
    await bus.start();
    await until(() => bus.isLive() && heard.length === 0, 5000, 'the first probes');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const busyUntil = Date.now() + 1500;
    while (Date.now() < busyUntil) {
      // Held on purpose: nothing else runs meanwhile, as in a long synchronous start-up step.
    }
    await until(() => bus.isLive(), 5000, 'the next probe');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(heard.map((change) => change.kind)).toEqual(['resync']);
    expect(liveness).toEqual([]);
    expect(bus.isLive()).toBe(true);
  }, 20_000);
});
