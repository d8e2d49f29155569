/**
 * The gateway streams bodies both ways and answers for the upstream when it fails:
 * 50 MB up and 50 MB down without buffering, upstream down -> 502, slow -> 504. The bodies are
 * judged by a handshake that only a streaming gateway can complete: the client holds back the last
 * megabyte of its upload until the upstream has received data (a gateway that buffered the body
 * would forward nothing before the end: the test would time out), and the upstream holds back the
 * last megabyte of its answer until the client has received data.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { gatewayFile, startTestGateway, startUpstream, until, UPSTREAM_SECRET, type RunningGateway, type TestUpstream } from '../support/gateway.js';
import { scopedKey } from '../support/http.js';
import { seedToken, seedUser } from '../support/seed.js';

const MB = 1024 * 1024;
const TOTAL = 50 * MB;
const CHUNK = Buffer.alloc(MB, 'x');

function write(stream: NodeJS.WritableStream, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => (stream.write(chunk) ? resolve() : stream.once('drain', () => resolve())));
}

describe('gateway streaming, upstream failures, in-process by org id (sqlite)', () => {
  let t: TestApp;
  let verifierKey: string;
  let secret: string;
  const started: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    t = await startTestApp('sqlite', { verification: { usage: { flushIntervalMs: 100 } } });
    verifierKey = await scopedKey(t, ['verify:tokens']);
    const user = await seedUser(t.app, t.orgId);
    secret = (await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes: ['read:jira-work'] })).secret;
  });
  afterAll(async () => {
    for (const item of started.reverse()) await item.close();
    await t?.close();
  });

  const gatewayFor = async (upstream: TestUpstream | string, extra: Record<string, unknown> = {}): Promise<RunningGateway> => {
    const gw = await startTestGateway('in-process', t, gatewayFile(typeof upstream === 'string' ? upstream : upstream.url, extra), verifierKey);
    started.push(gw);
    return gw;
  };

  it('streams a 50 MB request body to the upstream while the client is still sending', async () => {
    const upstream = await startUpstream();
    started.push(upstream);
    const gw = await gatewayFor(upstream);
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${gw.url}/upload/big`, { method: 'PUT', headers: { authorization: `Bearer ${secret}`, 'content-length': String(TOTAL) } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      void (async () => {
        for (let sent = 0; sent < TOTAL - MB; sent += MB) await write(req, CHUNK);
        // The last megabyte waits for the upstream to be receiving: only a streaming gateway gets here.
        await until(() => (upstream.seen.at(-1)?.bodyBytes ?? 0) > 0, 30_000);
        req.end(CHUNK);
      })().catch(reject);
    });
    const { status, body } = await answer;
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ ok: true, bytes: TOTAL });
    expect(upstream.seen.at(-1)!.headers['content-length']).toBe(String(TOTAL));
  });

  it('streams a 50 MB response back while the upstream is still sending', async () => {
    let clientBytes = 0;
    const upstream = await startUpstream((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(TOTAL) });
      void (async () => {
        for (let sent = 0; sent < TOTAL - MB; sent += MB) await write(res, CHUNK);
        await until(() => clientBytes > 0, 30_000);
        res.end(CHUNK);
      })().catch(() => res.destroy());
    });
    started.push(upstream);
    const gw = await gatewayFor(upstream);
    const status = await new Promise<number>((resolve, reject) => {
      httpRequest(`${gw.url}/upload/download`, { headers: { authorization: `Bearer ${secret}` } }, (res: IncomingMessage) => {
        res.on('data', (chunk: Buffer) => (clientBytes += chunk.length));
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
    expect(clientBytes).toBe(TOTAL);
  });

  it('streams a chunked upload (no Content-Length) as chunked', async () => {
    const upstream = await startUpstream();
    started.push(upstream);
    const gw = await gatewayFor(upstream);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i += 1) controller.enqueue(new Uint8Array(64 * 1024).fill(97));
        controller.close();
      },
    });
    const response = await fetch(`${gw.url}/upload/chunked`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true, bytes: 8 * 64 * 1024 });
    expect(upstream.seen.at(-1)!.headers['transfer-encoding']).toBe('chunked');
  });

  it('in process with tokenward.orgId: accepts that org\'s tokens only', async () => {
    const upstream = await startUpstream();
    started.push(upstream);
    const { startGatewayForCore } = await import('../../src/gateway/in-process.js');
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const file = { ...gatewayFile(upstream.url), tokenward: { orgId: t.orgId } };
    const ours = await startGatewayForCore(t.app.core, file, log, { UPSTREAM_AUTH: 'x' });
    started.push(ours);
    const other = await startGatewayForCore(t.app.core, { ...file, tokenward: { orgId: '00000000-0000-4000-8000-000000000000' } }, log, { UPSTREAM_AUTH: 'x' });
    started.push(other);
    expect((await fetch(`${ours.url()}/rest/api/3/issue/O-1`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
    const refused = await fetch(`${other.url()}/rest/api/3/issue/O-1`, { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'NOT_FOUND' });
  });

  it('strips the token even when the upstream credential travels in another header', async () => {
    const upstream = await startUpstream();
    started.push(upstream);
    const file = { ...gatewayFile(upstream.url), upstream: { url: upstream.url, credential: { header: 'X-Api-Key', valueEnv: 'UPSTREAM_AUTH' } } };
    const gw = await startTestGateway('in-process', t, file, verifierKey);
    started.push(gw);
    const response = await fetch(`${gw.url}/rest/api/3/issue/K-1`, { headers: { authorization: `Bearer ${secret}`, 'x-api-key': 'client-chosen' } });
    expect(response.status).toBe(200);
    const seen = upstream.seen.at(-1)!;
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['x-api-key']).toBe(UPSTREAM_SECRET);
    expect(JSON.stringify(seen.headers)).not.toContain(secret);
  });

  it('answers 502 when the upstream is down, and records it in usage', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const gw = await gatewayFor(`http://127.0.0.1:${closedPort}`);
    const user = await seedUser(t.app, t.orgId);
    const issued = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes: ['read:jira-work'] });
    const response = await fetch(`${gw.url}/rest/api/3/issue/X-1`, { headers: { authorization: `Bearer ${issued.secret}` } });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: 'UPSTREAM_UNREACHABLE', detail: expect.any(String) });
    const url = `/admin/tokenward/v1/orgs/${t.orgId}/tokens/${issued.token.id}/usage/events`;
    const events = async () => ((await t.app.http.inject({ method: 'GET', url, headers: bearer(t.adminKey) })).json() as { data: Array<{ upstreamStatus: number | null }> }).data;
    await until(async () => (await events()).length > 0, 5000);
    expect(await events()).toEqual([expect.objectContaining({ code: 'VALID', upstreamStatus: 502 })]);
  });

  it('answers 504 when the upstream is slower than headersMs', async () => {
    const upstream = await startUpstream((req) => req.resume()); // never answers
    started.push(upstream);
    const gw = await gatewayFor(upstream, { upstream: { url: upstream.url, timeouts: { headersMs: 300 } } });
    const before = performance.now();
    const response = await fetch(`${gw.url}/rest/api/3/issue/X-2`, { headers: { authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({ error: 'UPSTREAM_TIMEOUT', detail: expect.any(String) });
    expect(performance.now() - before).toBeGreaterThanOrEqual(290);
  });

  it('drops the upstream call when the client goes away before the upstream answers', async () => {
    let upstreamClosedAt = 0;
    const upstream = await startUpstream((req, res) => {
      req.resume();
      res.on('close', () => (upstreamClosedAt = performance.now())); // never answers
    });
    started.push(upstream);
    // headersMs far beyond the test: only the client going away can end the upstream call in time.
    const gw = await gatewayFor(upstream, { upstream: { url: upstream.url, timeouts: { headersMs: 60_000 } } });
    const client = httpRequest(`${gw.url}/rest/api/3/issue/X-4`, { headers: { authorization: `Bearer ${secret}` } });
    client.on('error', () => undefined);
    client.end();
    await until(() => upstream.seen.length > 0, 5000);
    const goneAt = performance.now();
    client.destroy();
    await until(() => upstreamClosedAt > 0, 5000);
    expect(upstreamClosedAt).toBeGreaterThanOrEqual(goneAt);
  });

  it('cuts a response whose body stalls longer than bodyMs', async () => {
    const upstream = await startUpstream((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part, then silence');
    });
    started.push(upstream);
    const gw = await gatewayFor(upstream, { upstream: { url: upstream.url, timeouts: { bodyMs: 300 } } });
    const response = await fetch(`${gw.url}/rest/api/3/issue/X-3`, { headers: { authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });
});
