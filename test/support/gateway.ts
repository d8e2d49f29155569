/**
 * Gateway tests: a real upstream on loopback that records what reached it, and the
 * gateway started in either mode in front of it (standalone: through the SDK over HTTP to a
 * listening server; in-process: through the server's verification service).
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseGatewayConfig } from '../../src/domain/gateway-config.js';
import { startGatewayForCore } from '../../src/gateway/in-process.js';
import type { GatewayLog, GatewayServer } from '../../src/gateway/proxy.js';
import { startStandaloneGateway } from '../../src/gateway/standalone.js';
import type { TestApp } from './app.js';

export type GatewayMode = 'standalone' | 'in-process';
export const GATEWAY_MODES: readonly GatewayMode[] = ['standalone', 'in-process'];

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodyBytes: number;
}

export interface TestUpstream {
  url: string;
  seen: SeenRequest[];
  server: Server;
  close(): Promise<void>;
}

/**
 * An upstream that records each request (its body counted, not kept) and then lets `respond`
 * answer; by default 200 with a small JSON body and an `x-upstream` header.
 */
export async function startUpstream(respond?: (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void): Promise<TestUpstream> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const record: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes: 0 };
    seen.push(record);
    if (respond) return respond(req, res, record);
    req.on('data', (chunk: Buffer) => (record.bodyBytes += chunk.length));
    req.on('end', () => {
      const status = req.method === 'POST' ? 201 : 200;
      res.writeHead(status, { 'content-type': 'application/json', 'x-upstream': 'yes', connection: 'keep-alive, x-upstream-private', 'x-upstream-private': 'hop' });
      res.end(JSON.stringify({ ok: true, bytes: record.bodyBytes }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const UPSTREAM_SECRET = 'Basic dXBzdHJlYW0tYm90OnVwc3RyZWFtLXNlY3JldA==';

/** The route table most tests use: Jira-like reads and writes, and a service-account-friendly route. */
export function gatewayFile(upstreamUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port: 0 },
    upstream: { url: upstreamUrl, credential: { header: 'Authorization', valueEnv: 'UPSTREAM_AUTH' }, timeouts: { connectMs: 1000, headersMs: 1500, bodyMs: 5000 } },
    routes: [
      { method: 'GET', path: '/rest/api/3/issue/:id', scopes: ['read:jira-work'] },
      { methods: ['POST', 'PUT'], path: '/rest/api/3/issue/**', scopes: ['write:jira-work'] },
      { method: '*', path: '/upload/**', scopes: ['read:jira-work'] },
      { method: 'GET', path: '/status/:code', scopes: [] },
    ],
    ...extra,
  };
}

export interface RunningGateway {
  url: string;
  gateway: GatewayServer;
  /** In-process: always; standalone: once the SDK's push stream is up. */
  isPushConnected(): boolean;
  close(): Promise<void>;
}

const quietLog: GatewayLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Starts the gateway in `mode` in front of `file`'s upstream, verifying with `t`'s server (which must listen for standalone). */
export async function startTestGateway(mode: GatewayMode, t: TestApp, file: Record<string, unknown>, verifierKey: string, extraEnv: Record<string, string> = {}): Promise<RunningGateway> {
  const env = { UPSTREAM_AUTH: UPSTREAM_SECRET, GW_VERIFIER_KEY: verifierKey, ...extraEnv };
  if (mode === 'in-process') {
    const gateway = await startGatewayForCore(t.app.core, { ...file, tokenward: { verifierKeyEnv: 'GW_VERIFIER_KEY' } }, quietLog, env);
    return { url: gateway.url(), gateway, isPushConnected: () => true, close: () => gateway.close() };
  }
  const config = parseGatewayConfig({ ...file, tokenward: { url: t.app.baseUrl(), verifierKeyEnv: 'GW_VERIFIER_KEY' } }, env, 'standalone', 'test gateway');
  const gateway = await startStandaloneGateway(config, quietLog);
  return { url: gateway.url(), gateway, isPushConnected: () => gateway.isPushConnected(), close: () => gateway.close() };
}

export async function until(check: () => boolean | Promise<boolean>, limitMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`condition not met within ${limitMs} ms`);
}

export function basicAuth(username: string, token: string): string {
  return `Basic ${Buffer.from(`${username}:${token}`).toString('base64')}`;
}

/** A request through node:http, which (unlike fetch) sends any header, Connection included. */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
