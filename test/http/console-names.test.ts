/**
 * What the console needs to show names and forensics, over HTTP on both dialects: the audit log
 * page names every actor, target and id in the details (people, service accounts, tokens with their
 * owner, admin keys, groups, policies, requests), and a token's events mark the first call from a
 * new address and with a new user agent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { adminApi, createGroup, policyBody } from '../support/policies.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

describe.each(DIALECTS)('names and first-seen marks for the console on %s', (dialect) => {
  let t: TestApp;
  let nowMs = Date.UTC(2026, 10, 20, 9, 0, 0);
  const ids: Record<string, string> = {};
  const base = () => `/admin/tokenward/v1/orgs/${t.orgId}`;
  const verify = async (token: string, fields: Record<string, unknown>) => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: bearer(t.adminKey), payload: { token, method: 'GET', route: '/rest/api/3/search', ...fields } });
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs), verification: { usage: { flushIntervalMs: 60_000 } } });
    const ada = await seedUser(t.app, t.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test', role: 'approver' });
    const bot = await seedServiceAccount(t.app, t.orgId, { displayName: 'Deploy pipeline' });
    const adaToken = await seedToken(t.app, t.orgId, { type: 'user', id: ada.id }, { label: 'ada cli', scopes: ['read:jira-work'] });
    const botToken = await seedToken(t.app, t.orgId, { type: 'service_account', id: bot.id }, { label: 'deploy prod' });
    Object.assign(ids, { ada: ada.id, bot: bot.id, adaToken: adaToken.token.id, botToken: botToken.token.id, adaSecret: adaToken.secret });
    const api = adminApi(t);
    expect((await api('PATCH', `/users/${ada.id}`, { role: 'auditor' })).statusCode).toBe(200);
    ids.group = await createGroup(t, 'Contractors', [ada.id]);
    const policy = await api('POST', '/policies', policyBody('Contractors read-only', { tokenCreation: 'approval', maxLifetimeDays: 90, allowedScopes: ['class:read'] }, { priority: 10, groupIds: [ids.group] }));
    expect(policy.statusCode, policy.body).toBe(201);
    ids.policy = policy.json().data.id;
    const revoked = await api('DELETE', `/tokens/${botToken.token.id}?reason=left%20the%20company`);
    expect(revoked.statusCode, revoked.body).toBeLessThan(300);

    // The token's calls: the office twice, then a day later an address and a tool never seen before.
    await verify(adaToken.secret, { ip: '198.51.100.20', userAgent: 'jira-cli/3' });
    await verify(adaToken.secret, { ip: '198.51.100.20', userAgent: 'jira-cli/3' });
    await t.app.core.services.usageRecorder.flush();
    nowMs += 86_400_000;
    await verify(adaToken.secret, { ip: '198.51.100.21', userAgent: 'jira-cli/3' });
    await t.app.core.services.usageRecorder.flush();
    nowMs += 60_000;
    await verify(adaToken.secret, { ip: '185.220.101.4', userAgent: 'python-requests/2.31' });
    await verify(adaToken.secret, { ip: '185.220.101.4', userAgent: 'python-requests/2.31', route: '/rest/api/3/myself' });
    await t.app.core.services.usageRecorder.flush();
  });
  afterAll(async () => t?.close());

  it('names every actor and target of an audit page, and the ids in its details', async () => {
    const response = await t.app.http.inject({ url: `${base()}/audit-log?pageSize=100`, headers: bearer(t.adminKey) });
    expect(response.statusCode, response.body).toBe(200);
    const { data, names } = response.json() as { data: Array<{ action: string; actorId: string | null; targetId: string | null; details: Record<string, unknown> }>; names: Record<string, { kind: string; name: string; owner?: { name: string } }> };
    expect(names[ids.ada!]).toMatchObject({ kind: 'person', name: 'Ada Lovelace', detail: 'ada@acme.test' });
    expect(names[ids.group!]).toEqual({ kind: 'group', name: 'Contractors' });
    expect(names[ids.policy!]).toEqual({ kind: 'policy', name: 'Contractors read-only' });
    expect(names[ids.botToken!]).toMatchObject({ kind: 'token', name: 'deploy prod', owner: { kind: 'service_account', id: ids.bot, name: 'Deploy pipeline' } });
    // The test's admin key (the actor of every change here) is named by its label.
    const keyId = data.find((entry) => entry.action === 'token.revoked')!.actorId!;
    expect(names[keyId]).toMatchObject({ kind: 'admin_key' });
    // The role change is recorded with both roles.
    const roleChange = data.find((entry) => entry.action === 'user.updated' && entry.targetId === ids.ada);
    expect(roleChange?.details).toEqual({ changes: { role: { from: 'approver', to: 'auditor' } } });
    // Every actor and target id on the page that still exists has a name.
    for (const entry of data) {
      for (const id of [entry.actorId, entry.targetId]) {
        if (id && /^(usr|sa|tok|grp|pol)_/.test(id)) expect(names[id], `${entry.action} ${id}`).toBeDefined();
      }
    }
  });

  it('names a list of ids in one request (a policy\'s assignees), leaving out what is unknown or of another org', async () => {
    const ids2 = [ids.ada, ids.group, ids.bot, ids.policy, 'usr_doesnotexist0000000000'].join(',');
    const response = await t.app.http.inject({ url: `${base()}/names?ids=${ids2}`, headers: bearer(t.adminKey) });
    expect(response.statusCode, response.body).toBe(200);
    const { names } = response.json();
    expect(Object.keys(names).sort()).toEqual([ids.ada, ids.bot, ids.group, ids.policy].sort());
    expect(names[ids.bot!]).toMatchObject({ kind: 'service_account', name: 'Deploy pipeline' });
    const tooMany = Array.from({ length: 201 }, (_, i) => `usr_${String(i).padStart(22, '0')}`).join(',');
    expect((await t.app.http.inject({ url: `${base()}/names?ids=${tooMany}`, headers: bearer(t.adminKey) })).statusCode).toBe(400);
  });

  it("marks the first call from a new address and with a new user agent in a token's events", async () => {
    const response = await t.app.http.inject({ url: `${base()}/tokens/${ids.adaToken}/usage/events`, headers: bearer(t.adminKey) });
    expect(response.statusCode, response.body).toBe(200);
    const events = response.json().data as Array<{ ip: string; route: string; isNewIp: boolean; isNewUserAgent: boolean }>;
    expect(events.map((e) => [e.ip, e.route, e.isNewIp, e.isNewUserAgent])).toEqual([
      ['185.220.101.4', '/rest/api/3/myself', false, false],
      ['185.220.101.4', '/rest/api/3/search', true, true],
      ['198.51.100.21', '/rest/api/3/search', true, false],
      // The token's first calls: everything was new then, nothing is marked.
      ['198.51.100.20', '/rest/api/3/search', false, false],
    ]);
  });
});
