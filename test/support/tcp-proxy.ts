/**
 * A TCP proxy a fault test controls, put between Tokenward and PostgreSQL or Redis, so the shared
 * servers never stop: `cut()` drops every open connection (what a server restart or a failover
 * does to clients), `refuse()` turns new connections away, `stall()` keeps connections open but
 * forwards nothing (a half-open connection behind a dead NAT or firewall), `slow(ms)` delays every
 * chunk, `restore()` brings back normal service.
 *
 * `stall({ matching })` freezes only the connections whose client has sent those bytes (the
 * PostgreSQL wire protocol is plain text here: `LISTEN tokenward` picks the change listener).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Everything the client sent, up to a few KB, for `matching`. */
  sent: string;
  isStalled: boolean;
  held: Array<{ to: Socket; chunk: Buffer }>;
}

export interface TcpProxy {
  readonly port: number;
  /** `host:port` of the proxy. */
  readonly address: string;
  cut(): void;
  refuse(): void;
  stall(options?: { matching?: string }): void;
  slow(delayMs: number): void;
  restore(): void;
  /** Open connections now. */
  connections(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let isRefusing = false;
  let stallMatching: string | null = null;
  let isStallingAll = false;
  let delayMs = 0;

  const isStalledNow = (pair: Pair) => pair.isStalled || isStallingAll || (stallMatching !== null && pair.sent.includes(stallMatching));

  function forward(pair: Pair, to: Socket, chunk: Buffer): void {
    if (isStalledNow(pair)) {
      pair.isStalled = true;
      pair.held.push({ to, chunk });
      return;
    }
    if (delayMs > 0) setTimeout(() => to.destroyed || to.write(chunk), delayMs);
    else if (!to.destroyed) to.write(chunk);
  }

  const server: Server = createServer((client) => {
    if (isRefusing) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair: Pair = { client, upstream, sent: '', isStalled: isStallingAll, held: [] };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (pair.sent.length < 4096) pair.sent += chunk.toString('latin1');
      forward(pair, upstream, chunk);
    });
    upstream.on('data', (chunk: Buffer) => forward(pair, client, chunk));
    client.on('error', end);
    // A stalled connection is half-open: the client never learns that the server went away.
    upstream.on('error', () => pair.isStalled || end());
    client.on('close', end);
    upstream.on('close', () => pair.isStalled || end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  return {
    port,
    address: `127.0.0.1:${port}`,
    cut() {
      for (const pair of [...pairs]) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      pairs.clear();
    },
    refuse() {
      isRefusing = true;
    },
    stall(options = {}) {
      if (options.matching) stallMatching = options.matching;
      else isStallingAll = true;
    },
    slow(ms) {
      delayMs = ms;
    },
    restore() {
      isRefusing = false;
      isStallingAll = false;
      stallMatching = null;
      delayMs = 0;
      for (const pair of pairs) {
        if (!pair.isStalled) continue;
        pair.isStalled = false;
        for (const { to, chunk } of pair.held.splice(0)) if (!to.destroyed) to.write(chunk);
      }
    },
    connections: () => pairs.size,
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A postgres:// or redis:// URL with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxy.port);
  return parsed.toString();
}
