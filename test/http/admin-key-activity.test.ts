/**
 * An admin key is a token like any other in the inventory: its use shows as last activity (and
 * calls) within one usage flush window, and the keys it makes name it as their creator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';

const FLUSH_MS = 200;

describe.each(DIALECTS)('admin key activity on %s', (dialect) => {
  let t: TestApp;
  let bootstrapKeyId: string;
  const get = (path: string, key = t.adminKey) => t.app.http.inject({ url: path, headers: { ...bearer(key), 'user-agent': 'curl/8.5' } });
  beforeAll(async () => {
    t = await startTestApp(dialect, { verification: { usage: { flushIntervalMs: FLUSH_MS } } });
    bootstrapKeyId = (t.app.bootstrap as { adminKey: { id: string } }).adminKey.id;
  });
  afterAll(async () => t?.close());

  it('records every admin API call of a key, so lastActiveAt and calls show within one flush window', async () => {
    const keys = `/admin/api-access/v1/orgs/${t.orgId}/api-keys`;
    const before = (await get(keys)).json() as { data: Array<{ id: string; lastActiveAt: string | null }> };
    expect(before.data.find((key) => key.id === bootstrapKeyId)?.lastActiveAt).toBeNull();
    for (let call = 0; call < 30; call += 1) expect((await get(`/admin/v1/orgs`)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS * 3));

    const after = (await get(keys)).json() as { data: Array<{ id: string; lastActiveAt: string | null }> };
    expect(after.data.find((key) => key.id === bootstrapKeyId)?.lastActiveAt).not.toBeNull();
    const inventory = (await get(`/admin/tokenward/v1/orgs/${t.orgId}/tokens?ownerKind=admin-key`)).json() as { data: Array<{ id: string; lastActiveAt: string | null }> };
    expect(inventory.data.find((key) => key.id === bootstrapKeyId)?.lastActiveAt).not.toBeNull();
    const summary = (await get(`/admin/tokenward/v1/orgs/${t.orgId}/tokens/${bootstrapKeyId}/usage/summary`)).json() as {
      totals: { calls: number };
      perRoute: Array<{ method: string; route: string; calls: number }>;
    };
    // The 30 calls above and the first read of the key list (later reads may not be flushed yet).
    expect(summary.totals.calls).toBeGreaterThanOrEqual(31);
    expect(summary.perRoute).toContainEqual(expect.objectContaining({ method: 'GET', route: '/admin/v1/orgs', calls: 30 }));
  });

  it("records a verifier key's own calls on both doors of verify, so it does not look idle", async () => {
    const issued = await t.app.http.inject({ method: 'POST', url: `/admin/api-access/v1/orgs/${t.orgId}/api-keys`, headers: bearer(t.adminKey), payload: { label: 'verifier', scopes: ['verify:tokens'] } });
    expect(issued.statusCode, issued.body).toBe(200);
    const { id: verifierId, token: verifierKey } = issued.json() as { id: string; token: string };
    const body = { token: 'tw_not_a_real_token' };
    // In process: Fastify's route. Over loopback: the path answered before Fastify's pipeline.
    for (let call = 0; call < 3; call += 1) {
      const routed = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: { ...bearer(verifierKey), 'user-agent': 'api-gateway/2' }, payload: body });
      expect(routed.statusCode, routed.body).toBe(200);
    }
    const base = await t.app.listen();
    for (let call = 0; call < 4; call += 1) {
      const direct = await fetch(`${base}/api/v1/verify`, { method: 'POST', headers: { ...bearer(verifierKey), 'content-type': 'application/json', 'user-agent': 'api-gateway/2' }, body: JSON.stringify(body) });
      expect(direct.status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS * 3));

    const inventory = (await get(`/admin/tokenward/v1/orgs/${t.orgId}/tokens?ownerKind=admin-key`)).json() as { data: Array<{ id: string; lastActiveAt: string | null }> };
    expect(inventory.data.find((key) => key.id === verifierId)?.lastActiveAt).not.toBeNull();
    const summary = (await get(`/admin/tokenward/v1/orgs/${t.orgId}/tokens/${verifierId}/usage/summary`)).json() as {
      totals: { calls: number };
      perRoute: Array<{ method: string; route: string; calls: number }>;
      perIp: Array<{ ip: string; calls: number }>;
    };
    expect(summary.totals.calls).toBe(7);
    expect(summary.perRoute).toEqual([expect.objectContaining({ method: 'POST', route: '/api/v1/verify', calls: 7 })]);
    expect(summary.perIp).toEqual([expect.objectContaining({ ip: '127.0.0.1', calls: 7 })]);
  });

  it('names the key that made a key as its creator, in the creation answer and the key list', async () => {
    const created = await t.app.http.inject({
      method: 'POST',
      url: `/admin/api-access/v1/orgs/${t.orgId}/api-keys`,
      headers: bearer(t.adminKey),
      payload: { label: 'made by a key' },
    });
    expect(created.statusCode, created.body).toBe(200);
    const label = (t.app.bootstrap as { adminKey: { label?: string } }).adminKey.label;
    const creator = { id: bootstrapKeyId, name: expect.stringContaining('(admin API key)'), email: '' };
    expect(created.json()).toMatchObject({ createdBy: creator });
    const list = (await get(`/admin/api-access/v1/orgs/${t.orgId}/api-keys`)).json() as { data: Array<{ id: string; createdBy: unknown }> };
    expect(list.data.find((key) => key.id === created.json().id)?.createdBy).toMatchObject(creator);
    if (label) expect((created.json().createdBy as { name: string }).name).toBe(`${label} (admin API key)`);
  });
});

describe('the client address behind a reverse proxy', () => {
  const addressesSeen = async (trustProxy: { addresses: string[] } | undefined) => {
    const t = await startTestApp('sqlite', { config: { trustProxy }, verification: { usage: { flushIntervalMs: FLUSH_MS } } });
    try {
      const keyId = (t.app.bootstrap as { adminKey: { id: string } }).adminKey.id;
      await t.app.http.inject({ url: '/admin/v1/orgs', headers: { ...bearer(t.adminKey), 'x-forwarded-for': '203.0.113.9' } });
      // Verify's path in front of Fastify must take the same address as Fastify does.
      const base = await t.app.listen();
      const verified = await fetch(`${base}/api/v1/verify`, { method: 'POST', headers: { ...bearer(t.adminKey), 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: '{"token":"tw_unknown"}' });
      expect(verified.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, FLUSH_MS * 3));
      const summary = await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens/${keyId}/usage/summary`, headers: bearer(t.adminKey) });
      return (summary.json() as { perIp: Array<{ ip: string }> }).perIp.map((row) => row.ip);
    } finally {
      await t.close();
    }
  };

  it('is the peer unless the peer is a trusted proxy, then the forwarded one', async () => {
    expect(await addressesSeen(undefined)).toEqual(['127.0.0.1']);
    expect(await addressesSeen({ addresses: ['127.0.0.1'] })).toEqual(['203.0.113.9']);
  });
});
