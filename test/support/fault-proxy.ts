/**
 * A small HTTP proxy that breaks things on purpose between a connector and its upstream: answers
 * 429 with Retry-After, 503, stalls without answering, drops the connection, or slows every
 * request. `plan` decides per request (numbered from 1).
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Fault = 'pass' | 'drop' | 'stall' | { status: 429; retryAfterSeconds: number } | { status: 503 };

export interface FaultProxy {
  url: string;
  /** Requests seen, and the faults injected, by kind. */
  seen(): { requests: number; injected: Record<string, number> };
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, plan: (n: number, path: string) => Fault, options: { delayMs?: number | (() => number) } = {}): Promise<FaultProxy> {
  const upstream = new URL(target);
  let requests = 0;
  const injected: Record<string, number> = {};
  const stalled: ServerResponse[] = [];
  const count = (kind: string) => (injected[kind] = (injected[kind] ?? 0) + 1);

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests += 1;
    const fault = plan(requests, req.url ?? '');
    const forward = () => {
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    if (fault === 'drop') {
      count('drop');
      req.socket.destroy();
      return;
    }
    if (fault === 'stall') {
      count('stall');
      stalled.push(res);
      return;
    }
    if (fault !== 'pass') {
      count(String(fault.status));
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.status === 429) headers['retry-after'] = String(fault.retryAfterSeconds);
      res.writeHead(fault.status, headers);
      res.end(JSON.stringify({ errors: [{ status: String(fault.status), code: `ADMIN-${fault.status}-1`, title: fault.status === 429 ? 'RATE_LIMITED' : 'UNAVAILABLE', detail: 'injected' }] }));
      return;
    }
    // A function lets a test slow the path down, then let it go at full speed.
    const delayMs = typeof options.delayMs === 'function' ? options.delayMs() : (options.delayMs ?? 0);
    if (delayMs > 0) setTimeout(forward, delayMs);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen: () => ({ requests, injected: { ...injected } }),
    async close() {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
