/**
 * The small APIs the console needed, over real HTTP on both dialects: the org's calls
 * per day (the overview's chart), a member's own token activity under /api/v1/me (never another
 * member's), and the rate limits the server enforces (the settings page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody, insertOrg, scopedKey } from '../support/http.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';
import { sessionFor, sessionHeaders, type TestSession } from '../support/sessions.js';

const DAY_MS = 86_400_000;
const TODAY = Date.UTC(2026, 10, 23, 12, 0, 0);

describe.each(DIALECTS)('console APIs on %s', (dialect) => {
  let t: TestApp;
  let nowMs = TODAY - 10 * DAY_MS;
  let readerKey: string;
  let ada: TestSession;
  let ben: TestSession;
  const ids: Record<string, string> = {};
  const base = () => `/admin/tokenward/v1/orgs/${t.orgId}`;

  const verify = async (token: string, fields: Record<string, unknown> = {}) => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: bearer(t.adminKey), payload: { token, ...fields } });
    expect(response.statusCode).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs), verification: { usage: { flushIntervalMs: 60_000 } } });
    const adaUser = await seedUser(t.app, t.orgId, { email: 'ada@acme.test', name: 'Ada' });
    const benUser = await seedUser(t.app, t.orgId, { email: 'ben@acme.test', name: 'Ben' });
    const bot = await seedServiceAccount(t.app, t.orgId, { displayName: 'CI' });
    const adaToken = await seedToken(t.app, t.orgId, { type: 'user', id: adaUser.id }, { label: 'ada cli', scopes: ['read:x'] });
    const benToken = await seedToken(t.app, t.orgId, { type: 'user', id: benUser.id }, { label: 'ben cli' });
    const botToken = await seedToken(t.app, t.orgId, { type: 'service_account', id: bot.id }, { label: 'ci' });
    Object.assign(ids, { ada: adaToken.token.id, ben: benToken.token.id, bot: botToken.token.id });

    // Ten days ago: Ada twice. Today: Ada three times (one refused for a scope), Ben once, the bot once.
    await verify(adaToken.secret, { ip: '198.51.100.1', route: '/issues' });
    await verify(adaToken.secret, { ip: '198.51.100.1', route: '/issues' });
    await t.app.core.services.usageRecorder.flush();
    nowMs = TODAY;
    await verify(adaToken.secret, { ip: '198.51.100.1', route: '/issues' });
    await verify(adaToken.secret, { ip: '198.51.100.1', route: '/issues' });
    await verify(adaToken.secret, { ip: '203.0.113.9', route: '/issues', scopes: ['write:x'] });
    await verify(benToken.secret, { ip: '192.0.2.5', route: '/me' });
    await verify(botToken.secret, { ip: '192.0.2.6', route: '/deploy' });
    await t.app.core.services.usageRecorder.flush();
    readerKey = await scopedKey(t, ['read:usage:admin']);
    ada = await sessionFor(t.app, adaUser);
    ben = await sessionFor(t.app, benUser);
  });
  afterAll(async () => t.close());

  describe('GET …/usage/daily', () => {
    it('answers every day of the window, oldest first, summed over the whole org', async () => {
      const response = await t.app.http.inject({ url: `${base()}/usage/daily`, headers: bearer(readerKey) });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.days).toBe(30);
      expect(body.perDay).toHaveLength(30);
      expect(body.perDay[29]).toEqual({ date: '2026-11-23', calls: 5, errors: 1, tokens: 3 });
      expect(body.perDay[19]).toEqual({ date: '2026-11-13', calls: 2, errors: 0, tokens: 1 });
      expect(body.perDay[0].date).toBe('2026-10-25');
      expect(body.perDay.filter((d: { calls: number }) => d.calls === 0)).toHaveLength(28);
      expect(body.totals).toEqual({ calls: 7, errors: 1 });
    });

    it('narrows to the last days asked for, and refuses a window outside 1-90 days', async () => {
      const five = (await t.app.http.inject({ url: `${base()}/usage/daily?days=5`, headers: bearer(readerKey) })).json();
      expect(five.perDay.map((d: { date: string }) => d.date)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
      expect(five.totals).toEqual({ calls: 5, errors: 1 });
      for (const days of ['0', '91', 'x']) {
        const refused = await t.app.http.inject({ url: `${base()}/usage/daily?days=${days}`, headers: bearer(readerKey) });
        expect(refused.statusCode).toBe(400);
        expectErrorBody(refused.json(), 400, 'VALIDATION_FAILED');
      }
    });

    it("counts nothing of another org, and needs read:usage:admin", async () => {
      const other = await insertOrg(t, 'other');
      const foreign = await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${other}/usage/daily`, headers: bearer(t.adminKey) });
      expect([403, 404]).toContain(foreign.statusCode);
      const unscoped = await scopedKey(t, ['read:tokens:admin']);
      const refused = await t.app.http.inject({ url: `${base()}/usage/daily`, headers: bearer(unscoped) });
      // Atlassian's contract: a missing scope is 401 INSUFFICIENT_SCOPE.
      expect(refused.statusCode, refused.body).toBe(401);
      expectErrorBody(refused.json(), 401, 'INSUFFICIENT_SCOPE');
    });
  });

  describe('GET /api/v1/me/tokens/{tokenId}/usage/summary', () => {
    it("shows the member their own token's activity", async () => {
      const response = await t.app.http.inject({ url: `/api/v1/me/tokens/${ids.ada}/usage/summary`, headers: sessionHeaders(ada, false) });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ tokenId: ids.ada, days: 30, totals: { calls: 5, errors: 1 } });
      expect(body.perDay.map((d: { date: string; calls: number }) => [d.date, d.calls])).toEqual([['2026-11-13', 2], ['2026-11-23', 3]]);
      expect(body.perIp.map((row: { ip: string }) => row.ip).sort()).toEqual(['198.51.100.1', '203.0.113.9']);
      const week = (await t.app.http.inject({ url: `/api/v1/me/tokens/${ids.ada}/usage/summary?days=7`, headers: sessionHeaders(ada, false) })).json();
      expect(week.perDay).toHaveLength(1);
    });

    it("answers 404 for another member's token, a service account's token and an unknown id, as for each other", async () => {
      for (const tokenId of [ids.ben, ids.bot, 'tok_does_not_exist']) {
        const response = await t.app.http.inject({ url: `/api/v1/me/tokens/${tokenId}/usage/summary`, headers: sessionHeaders(ada, false) });
        expect(response.statusCode).toBe(404);
        expectErrorBody(response.json(), 404, 'TOKEN_NOT_FOUND');
      }
      const bens = await t.app.http.inject({ url: `/api/v1/me/tokens/${ids.ben}/usage/summary`, headers: sessionHeaders(ben, false) });
      expect(bens.json().totals).toEqual({ calls: 1, errors: 0 });
    });

    it('needs a session: no cookie is 401, an admin key is refused', async () => {
      expect((await t.app.http.inject({ url: `/api/v1/me/tokens/${ids.ada}/usage/summary` })).statusCode).toBe(401);
      const withKey = await t.app.http.inject({ url: `/api/v1/me/tokens/${ids.ada}/usage/summary`, headers: bearer(t.adminKey) });
      expect([401, 403]).toContain(withKey.statusCode);
    });
  });

  describe('GET …/rate-limits', () => {
    it('answers the limits the server was configured with', async () => {
      const key = await scopedKey(t, ['read:automation:admin']);
      const response = await t.app.http.inject({ url: `${base()}/rate-limits`, headers: bearer(key) });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.api).toMatchObject({ max: 1000, windowSeconds: 60, isShared: false });
      expect(body.api.exemptPaths).toContain('/api/v1/verify');
      expect(body.signIn).toEqual({ perEmail: 10, perIp: 50, windowSeconds: 900 });
      // The answer carries the limit it describes.
      expect(response.headers['x-ratelimit-limit']).toBe('1000');
    });
  });
});
