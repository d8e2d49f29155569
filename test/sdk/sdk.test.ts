/**
 * The SDK (packages/sdk) against a real server on loopback: cached verify, revocation
 * pushed over server-sent events, the TTL while the stream is down, failClosed, usage reported
 * back, and the Fastify plugin declaring scopes per route.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenwardClient, tokenwardPlugin, type TokenwardClient } from '../../packages/sdk/src/index.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { scopedKey } from '../support/http.js';
import { seedToken, seedUser } from '../support/seed.js';

const until = async (check: () => boolean | Promise<boolean>, limitMs: number): Promise<number> => {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met in time');
};

describe('SDK on loopback (sqlite)', () => {
  let t: TestApp;
  let baseUrl: string;
  let verifierKey: string;
  const clients: TokenwardClient[] = [];
  const client = (options: Partial<Parameters<typeof createTokenwardClient>[0]> = {}) => {
    const created = createTokenwardClient({ baseUrl, verifierKey, ...options });
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    baseUrl = await t.app.listen();
    verifierKey = await scopedKey(t, ['verify:tokens']);
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await t.close();
  });

  const newToken = async (scopes = ['read:jira-work']) => {
    const user = await seedUser(t.app, t.orgId);
    const issued = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes });
    return { user, ...issued };
  };

  it('answers repeats from its cache, and stops a revoked token within 1 s through the push stream', async () => {
    const sdk = client();
    await until(() => sdk.isPushConnected(), 5000);
    const { user, token, secret } = await newToken();
    expect(await sdk.verify(secret, { scopes: ['read:jira-work'] })).toMatchObject({ valid: true, code: 'VALID', tokenId: token.id, cached: false });
    expect(await sdk.verify(secret, { scopes: ['read:jira-work'] })).toMatchObject({ valid: true, cached: true });

    const revoked = await t.app.http.inject({ method: 'DELETE', url: `/users/${user.id}/manage/api-tokens/${token.id}`, headers: bearer(t.adminKey) });
    expect(revoked.statusCode).toBe(204);
    const tookMs = await until(async () => (await sdk.verify(secret, { scopes: ['read:jira-work'] })).code === 'REVOKED', 1000);
    expect(tookMs).toBeLessThan(1000);
  });

  it('reports the verifications it answered from cache as usage', async () => {
    const sdk = client({ push: false });
    const { token, secret } = await newToken();
    for (let i = 0; i < 5; i += 1) await sdk.verify(secret, { method: 'GET', route: '/sdk-route', ip: '198.51.100.3' });
    await sdk.flushUsage();
    await t.app.core.services.usageRecorder.flush();
    const rows = await t.app.core.database.db.selectFrom('usage_events').select(['count', 'route']).where('token_id', '=', token.id).execute();
    expect(rows.reduce((sum, row) => sum + Number(row.count), 0)).toBe(5); // 1 by the server, 4 reported
  });

  it('counts cached calls per route exactly, across flushes and alternating calls (the hit path remembers its last usage line)', async () => {
    const sdk = client({ push: false, usageFlushMs: 60_000 });
    const { token, secret } = await newToken();
    const call = (route: string, userAgent = 'ua/1') => sdk.verify(secret, { method: 'GET', route, ip: '198.51.100.4', userAgent });
    for (let i = 0; i < 3; i += 1) await call('/a'); // 1 by the server, 2 cached
    await sdk.flushUsage();
    for (let i = 0; i < 4; i += 1) await call('/a'); // after a flush: a new line, not the flushed one
    for (let i = 0; i < 3; i += 1) {
      await call('/b');
      await call('/a', 'ua/2');
    }
    await sdk.flushUsage();
    await t.app.core.services.usageRecorder.flush();
    const rows = await t.app.core.database.db.selectFrom('usage_events').select(['count', 'route', 'user_agent']).where('token_id', '=', token.id).execute();
    const countOf = (route: string, userAgent: string) =>
      rows.filter((row) => row.route === route && row.user_agent === userAgent).reduce((sum, row) => sum + Number(row.count), 0);
    expect({ a1: countOf('/a', 'ua/1'), b: countOf('/b', 'ua/1'), a2: countOf('/a', 'ua/2') }).toEqual({ a1: 7, b: 3, a2: 3 });
  });

  it('counts a deferred verification only when reported, with its upstream status', async () => {
    const sdk = client({ push: false });
    const { token, secret } = await newToken();
    const first = await sdk.verify(secret, { method: 'GET', route: '/deferred', deferUsage: true }); // asks the server
    const second = await sdk.verify(secret, { method: 'GET', route: '/deferred', deferUsage: true }); // from the cache
    expect([first.cached, second.cached]).toEqual([false, true]);
    sdk.reportUsage(second, { method: 'GET', route: '/deferred', upstreamStatus: 204 });
    await sdk.flushUsage();
    await t.app.core.services.usageRecorder.flush();
    const rows = await t.app.core.database.db.selectFrom('usage_events').select(['count', 'upstream_status']).where('token_id', '=', token.id).execute();
    expect(rows.map((row) => [Number(row.count), row.upstream_status])).toEqual([[1, 204]]);
  });

  it('answers a cached token at once from verifyFromCache, and counts reported outcomes exactly across flushes and alternating statuses', async () => {
    const sdk = client({ push: false, usageFlushMs: 60_000 });
    const { token, secret } = await newToken();
    const options = { method: 'GET', route: '/now', deferUsage: true } as const;
    expect(sdk.verifyFromCache(secret, options)).toBeUndefined(); // only the server can answer yet
    await sdk.verify(secret, options);
    const cached = sdk.verifyFromCache(secret, options);
    expect(cached).not.toBeInstanceOf(Promise);
    expect(cached).toMatchObject({ valid: true, code: 'VALID', tokenId: token.id });
    expect(sdk.verifyFromCache(`${secret.slice(0, -1)}x`, options)).toBeUndefined();

    const report = (upstreamStatus: number) => sdk.reportUsage(cached!, { method: 'GET', route: '/now', upstreamStatus });
    for (let i = 0; i < 3; i += 1) report(200);
    await sdk.flushUsage();
    for (let i = 0; i < 2; i += 1) report(200); // after a flush: a new line, not the flushed one
    for (let i = 0; i < 3; i += 1) {
      report(500);
      report(200);
    }
    // Without deferUsage, a hit from verifyFromCache is counted as verify counts it.
    sdk.verifyFromCache(secret, { method: 'GET', route: '/now' });
    await sdk.flushUsage();
    await t.app.core.services.usageRecorder.flush();
    const rows = await t.app.core.database.db.selectFrom('usage_events').select(['count', 'upstream_status']).where('token_id', '=', token.id).execute();
    const countOf = (status: number | null) => rows.filter((row) => row.upstream_status === status).reduce((sum, row) => sum + Number(row.count), 0);
    expect({ ok: countOf(200), failed: countOf(500), plain: countOf(null) }).toEqual({ ok: 8, failed: 3, plain: 1 });
  });

  it('without the push stream, trusts a cached answer only for the TTL', async () => {
    const sdk = client({ push: false, cacheTtlMs: 1500 });
    const { user, token, secret } = await newToken();
    expect((await sdk.verify(secret)).code).toBe('VALID');
    await t.app.http.inject({ method: 'DELETE', url: `/users/${user.id}/manage/api-tokens/${token.id}`, headers: bearer(t.adminKey) });
    expect((await sdk.verify(secret)).cached).toBe(true); // stale, within the TTL
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await sdk.verify(secret)).code).toBe('REVOKED');
  });

  it('refuses when the server cannot be reached with failClosed, throws without it', async () => {
    const closed = createTokenwardClient({ baseUrl: 'http://127.0.0.1:9', verifierKey, push: false, timeoutMs: 500 });
    expect(await closed.verify('twu_anything')).toMatchObject({ valid: false, code: 'UNAVAILABLE' });
    const open = createTokenwardClient({ baseUrl: 'http://127.0.0.1:9', verifierKey, push: false, timeoutMs: 500, failClosed: false });
    await expect(open.verify('twu_anything')).rejects.toThrow(/cannot be reached/);
    await closed.close();
    await open.close();
  });

  it('protects Fastify routes with the scopes they declare', async () => {
    const sdk = client();
    const api = Fastify();
    await api.register(tokenwardPlugin, { client: sdk });
    api.get('/issues', { config: { tokenward: { scopes: ['read:jira-work'] } } }, async (request) => ({ owner: request.tokenward?.owner?.id }));
    api.post('/issues', { config: { tokenward: { scopes: ['write:jira-work'] } } }, async () => ({ ok: true }));
    api.get('/public', async () => ({ ok: true }));
    await api.ready();
    const { user, secret } = await newToken(['read:jira-work']);
    const auth = { authorization: `Bearer ${secret}` };
    expect((await api.inject({ method: 'GET', url: '/issues', headers: auth })).json()).toEqual({ owner: user.id });
    expect((await api.inject({ method: 'POST', url: '/issues', headers: auth })).statusCode).toBe(403);
    expect((await api.inject({ method: 'GET', url: '/issues' })).statusCode).toBe(401);
    expect((await api.inject({ method: 'GET', url: '/issues', headers: { authorization: 'Bearer twu_nope' } })).json()).toEqual({ error: 'MALFORMED' });
    expect((await api.inject({ method: 'GET', url: '/public' })).statusCode).toBe(200);
    await api.close();
  });

  it('never caches a limited token, and the Fastify plugin answers 429 with Retry-After and RateLimit-* past its limit', async () => {
    const sdk = client();
    await until(() => sdk.isPushConnected(), 5000);
    const { token, secret } = await newToken(['read:jira-work']);
    const limits = await t.app.http.inject({
      method: 'PUT',
      url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens/${token.id}/limits`,
      headers: bearer(t.adminKey),
      payload: { rateLimits: [{ limit: 2, windowSeconds: 3600 }] },
    });
    expect(limits.statusCode).toBe(200);
    const api = Fastify();
    await api.register(tokenwardPlugin, { client: sdk });
    api.get('/issues', { config: { tokenward: { scopes: ['read:jira-work'] } } }, async () => ({ ok: true }));
    await api.ready();
    const auth = { authorization: `Bearer ${secret}` };
    const first = await api.inject({ method: 'GET', url: '/issues', headers: auth });
    expect(first.statusCode).toBe(200);
    expect(first.headers['ratelimit-remaining']).toBe('1');
    expect((await sdk.verify(secret, { scopes: ['read:jira-work'] })).cached).toBe(false);
    const refused = await api.inject({ method: 'GET', url: '/issues', headers: auth });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ error: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['ratelimit-limit']).toBe('2');
    await api.close();
  });
});
