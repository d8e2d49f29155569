/** The activity API over real HTTP on both dialects, fed by real verifications. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody, insertOrg, scopedKey } from '../support/http.js';
import { seedToken, seedUser } from '../support/seed.js';

const DAY_MS = 86_400_000;
const TODAY = Date.UTC(2026, 10, 23, 12, 0, 0);

describe.each(DIALECTS)('activity API on %s', (dialect) => {
  let t: TestApp;
  let nowMs = TODAY - 10 * DAY_MS;
  let verifierKey: string;
  let readerKey: string;
  let busy: { id: string; secret: string };
  let fresh: { id: string; secret: string };
  const base = () => `/admin/tokenward/v1/orgs/${t.orgId}`;

  const verify = async (token: string, fields: Record<string, unknown> = {}) => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: bearer(verifierKey), payload: { token, ...fields } });
    expect(response.statusCode).toBe(200);
  };
  const get = async (url: string, key = readerKey) => {
    const response = await t.app.http.inject({ method: 'GET', url, headers: bearer(key) });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs), verification: { usage: { flushIntervalMs: 60_000 } } });
    // The bootstrap key never expires: it verifies across the ten days this suite spans.
    verifierKey = t.adminKey;
    const user = await seedUser(t.app, t.orgId);
    const a = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { label: 'busy', scopes: ['read:x'] });
    const b = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { label: 'fresh' });
    busy = { id: a.token.id, secret: a.secret };
    fresh = { id: b.token.id, secret: b.secret };

    // Ten days ago: the busy token from its usual IP.
    await verify(busy.secret, { ip: '198.51.100.1', method: 'GET', route: '/issues' });
    await t.app.core.services.usageRecorder.flush();
    // Today: the busy token from its usual IP and a new one, once with a scope it lacks; the fresh token once.
    nowMs = TODAY;
    for (let i = 0; i < 4; i += 1) await verify(busy.secret, { ip: '198.51.100.1', method: 'GET', route: '/issues', userAgent: 'jira-cli/1' });
    await verify(busy.secret, { ip: '203.0.113.9', method: 'POST', route: '/issues', scopes: ['write:x'] });
    await verify(fresh.secret, { ip: '192.0.2.5', method: 'GET', route: '/me' });
    await t.app.core.services.usageRecorder.flush();
    readerKey = await scopedKey(t, ['read:usage:admin']);
  });
  afterAll(async () => t.close());

  it("lists a token's events newest first, page by page, with filters", async () => {
    const seen: Array<{ at: string; code: string; ip: string; count: number }> = [];
    let url: string | null = `${base()}/tokens/${busy.id}/usage/events?pageSize=2`;
    while (url) {
      const page = await get(url);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data);
      const next: string | null = page.body.links.next;
      url = next ? `${base()}/tokens/${busy.id}/usage/events?pageSize=2&cursor=${encodeURIComponent(next)}` : null;
    }
    // The four identical calls of today are one row with count 4.
    expect(seen).toHaveLength(3);
    expect(seen.reduce((sum, e) => sum + e.count, 0)).toBe(6);
    expect(seen.map((e) => e.at)).toEqual([...seen.map((e) => e.at)].sort().reverse());
    expect(seen[0]).toMatchObject({ code: 'INSUFFICIENT_SCOPE', ip: '203.0.113.9', method: 'POST', route: '/issues', userAgent: null, upstreamStatus: null, count: 1 });
    expect(seen[1]).toMatchObject({ code: 'VALID', userAgent: 'jira-cli/1', count: 4 });

    const insufficient = await get(`${base()}/tokens/${busy.id}/usage/events?code=INSUFFICIENT_SCOPE`);
    expect(insufficient.body.data).toHaveLength(1);
    const old = await get(`${base()}/tokens/${busy.id}/usage/events?to=${new Date(TODAY - DAY_MS).toISOString()}`);
    expect(old.body.data).toHaveLength(1);
    expect((await get(`${base()}/tokens/${busy.id}/usage/events?ip=198.51.100.1&from=${new Date(TODAY - DAY_MS).toISOString()}`)).body.data).toMatchObject([{ count: 4 }]);
  });

  it('refuses a cursor from another filter, and answers 404 for unknown or foreign tokens', async () => {
    const first = await get(`${base()}/tokens/${busy.id}/usage/events?pageSize=1`);
    const cursor = encodeURIComponent(first.body.links.next);
    const replayed = await get(`${base()}/tokens/${busy.id}/usage/events?pageSize=1&code=VALID&cursor=${cursor}`);
    expect(replayed.status).toBe(400);
    expectErrorBody(replayed.body, 400, 'INVALID_PAGE_CURSOR');

    const otherOrg = await insertOrg(t, 'rival');
    const stranger = await seedUser(t.app, otherOrg);
    const foreign = await seedToken(t.app, otherOrg, { type: 'user', id: stranger.id });
    for (const id of ['tok_nope', foreign.token.id]) {
      for (const path of ['events', 'summary']) {
        const response = await get(`${base()}/tokens/${id}/usage/${path}`);
        expect(response.status).toBe(404);
        expectErrorBody(response.body, 404, 'TOKEN_NOT_FOUND');
      }
    }
  });

  it("summarizes a token's usage per day, route and IP, with first and last use", async () => {
    const { status, body } = await get(`${base()}/tokens/${busy.id}/usage/summary?days=30`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      tokenId: busy.id,
      days: 30,
      firstSeenAt: new Date(TODAY - 10 * DAY_MS).toISOString(),
      lastSeenAt: new Date(TODAY).toISOString(),
      totals: { calls: 6, errors: 1 },
      perDay: [
        { date: '2026-11-13', calls: 1, errors: 0, distinctIps: 1 },
        { date: '2026-11-23', calls: 5, errors: 1, distinctIps: 2 },
      ],
      perRoute: [
        { method: 'GET', route: '/issues', calls: 5, errors: 0 },
        { method: 'POST', route: '/issues', calls: 1, errors: 1 },
      ],
    });
    expect(body.perIp.map((r: { ip: string; calls: number }) => [r.ip, r.calls]).sort()).toEqual([
      ['198.51.100.1', 5],
      ['203.0.113.9', 1],
    ]);
    // Only today: the older day drops out of perDay, not out of first-seen.
    const today = await get(`${base()}/tokens/${busy.id}/usage/summary?days=1`);
    expect(today.body.perDay).toHaveLength(1);
    expect(today.body.firstSeenAt).toBe(new Date(TODAY - 10 * DAY_MS).toISOString());
  });

  it('ranks the top tokens and lists tokens used from new IPs', async () => {
    const top = await get(`${base()}/usage/top-tokens?days=7`);
    expect(top.status).toBe(200);
    const tokenRows = top.body.data.filter((row: { tokenId: string }) => row.tokenId === busy.id || row.tokenId === fresh.id);
    expect(tokenRows.map((row: { tokenId: string; calls: number }) => [row.tokenId, row.calls])).toEqual([
      [busy.id, 5],
      [fresh.id, 1],
    ]);
    expect(tokenRows[0]).toMatchObject({ label: 'busy', kind: 'user', errors: 1, owner: { type: 'user' } });

    const newIps = await get(`${base()}/usage/new-ips?days=7`);
    expect(newIps.status).toBe(200);
    expect(newIps.body.data).toEqual([
      expect.objectContaining({ tokenId: busy.id, label: 'busy', ip: '203.0.113.9', calls: 1, firstSeenAt: new Date(TODAY).toISOString() }),
    ]);
  });

  it('needs read:usage:admin', async () => {
    const response = await get(`${base()}/usage/top-tokens`, await scopedKey(t, ['verify:tokens']));
    expect(response.status).toBe(401);
    expectErrorBody(response.body, 401, 'INSUFFICIENT_SCOPE');
  });

  it('purges raw events past the retention and keeps the aggregates', async () => {
    expect(await t.app.core.services.usage.purgeUsageEvents(5)).toBeGreaterThanOrEqual(1);
    expect((await get(`${base()}/tokens/${busy.id}/usage/events`)).body.data).toHaveLength(2);
    expect((await get(`${base()}/tokens/${busy.id}/usage/summary`)).body.totals.calls).toBe(6);
  });
});
