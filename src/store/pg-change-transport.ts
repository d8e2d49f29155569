/**
 * Carries token changes between nodes sharing one PostgreSQL database, over LISTEN/NOTIFY
 *. One dedicated connection listens; NOTIFY goes through the ordinary pool. NOTIFY is
 * scoped to the database, so nodes of another database never hear it.
 *
 * If the listening connection drops, changes may be missed until it is back: it reconnects with a
 * backoff and then reports `resync`, so caches forget everything rather than serve stale entries.
 * A connection that stalls instead of dropping is found by `probe` (a NOTIFY that must come back
 * through the listener; PostgreSQL delivers notifications in commit order), and `reset` replaces it.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { chunkChange, parseTokenChange, type ChangeTransport, type TokenChange } from '../domain/token-change.js';
import type { Database } from './schema.js';

export const PG_CHANGE_CHANNEL = 'tokenward_token_changes';
/** NOTIFY payloads are limited to 8000 bytes: 26-character ids, with room to spare. */
const MAX_IDS_PER_NOTIFY = 200;
const RECONNECT_DELAYS_MS = [100, 250, 500, 1000, 2000];
/** A server that accepts nothing (or a stalled network) must not hold a reconnection forever. */
const CONNECT_TIMEOUT_MS = 3000;

export interface PgChangeTransportOptions {
  databaseUrl: string;
  db: Kysely<Database>;
  onError?: (error: unknown, context: string) => void;
}

export function createPgChangeTransport(options: PgChangeTransportOptions): ChangeTransport {
  const nodeId = randomUUID();
  const onError = options.onError ?? (() => undefined);
  let client: pg.Client | null = null;
  let closed = false;
  let deliver: (change: TokenChange) => void = () => undefined;
  let probeSeq = 0;
  const probes = new Map<number, () => void>();

  function onNotification(message: pg.Notification): void {
    if (message.channel !== PG_CHANGE_CHANNEL || !message.payload) return;
    try {
      const envelope = JSON.parse(message.payload) as { n?: unknown; c?: unknown; p?: unknown };
      if (typeof envelope.p === 'number') {
        // A probe: ours completes a round trip; another node's carries no change.
        if (envelope.n === nodeId) probes.get(envelope.p)?.();
        return;
      }
      if (envelope.n === nodeId) return; // our own change, already delivered locally
      const change = parseTokenChange(envelope.c);
      if (change) deliver(change);
    } catch (error) {
      onError(error, 'reading a token change notification');
    }
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });
    next.on('notification', onNotification);
    next.on('error', (error) => {
      onError(error, 'token change listener connection');
      lose(next);
    });
    next.on('end', () => lose(next));
    let timer: NodeJS.Timeout | undefined;
    try {
      const listen = (async () => {
        await next.connect();
        await next.query(`LISTEN ${PG_CHANGE_CHANNEL}`);
      })();
      listen.catch(() => undefined); // judged by the race below, even when it fails after the timeout
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the token change listener did not connect within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      });
      await Promise.race([listen, timeout]);
    } catch (error) {
      next.end().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    client = next;
  }

  function lose(lost: pg.Client): void {
    if (closed || client !== lost) return;
    client = null;
    probes.clear(); // their round trips can no longer complete: the bus's deadline judges them
    lost.end().catch(() => undefined);
    void reconnect();
  }

  async function reconnect(): Promise<void> {
    for (let attempt = 0; !closed; attempt += 1) {
      await delay(RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)]!);
      if (closed) return;
      try {
        await connect();
        // Whatever was published while we were away is lost to us: start over.
        deliver({ kind: 'resync' });
        return;
      } catch (error) {
        // Once per outage: the attempts that follow fail the same way.
        if (attempt === 0) onError(error, 'reconnecting the token change listener (retrying until it is back)');
      }
    }
  }

  return {
    name: 'PostgreSQL LISTEN/NOTIFY',
    async start(handler) {
      deliver = handler;
      await connect();
    },
    async publish(change) {
      for (const part of chunkChange(change, MAX_IDS_PER_NOTIFY)) {
        await sql`select pg_notify(${PG_CHANGE_CHANNEL}, ${JSON.stringify({ n: nodeId, c: part })})`.execute(options.db);
      }
    },
    async probe() {
      const listener = client;
      if (!listener) throw new Error('the token change listener is not connected');
      probeSeq += 1;
      const seq = probeSeq;
      const heard = new Promise<void>((resolve) => probes.set(seq, resolve));
      try {
        // Sent over the listening connection itself: a busy pool cannot delay it, and a round
        // trip proves that very connection still hears.
        await listener.query('select pg_notify($1, $2)', [PG_CHANGE_CHANNEL, JSON.stringify({ n: nodeId, p: seq })]);
        await heard;
      } finally {
        probes.delete(seq);
      }
    },
    reset() {
      if (client) lose(client);
    },
    async close() {
      closed = true;
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
