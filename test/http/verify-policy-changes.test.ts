/**
 * Policies wired into the verification: the owner's effective policy decides
 * USE_BLOCKED_BY_POLICY, IP_NOT_ALLOWED and policy scopes; policy and membership changes reach the
 * cache at once; a rotated secret verifies during its grace period only. Over HTTP, both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { scopedKey } from '../support/http.js';
import { adminApi, createGroup, policyBody } from '../support/policies.js';
import { seedUser } from '../support/seed.js';

const HOUR_MS = 3_600_000;

describe.each(DIALECTS)('verification follows policy, membership and token changes on %s', (dialect) => {
  let t: TestApp;
  let verifierKey: string;
  let nowMs = Date.parse('2026-07-01T00:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs) });
    verifierKey = await scopedKey(t, ['verify:tokens']);
  });
  afterAll(async () => t.close());

  const verify = async (token: string, extra: { ip?: string; scopes?: string[] } = {}) => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: bearer(verifierKey), payload: { token, ...extra } });
    return (response.json() as { code: string }).code;
  };

  it('enforces the IP allowlist, blocked use and policy scopes, and follows policy and membership changes at once', async () => {
    const api = adminApi(t);
    const user = await seedUser(t.app, t.orgId);
    const group = await createGroup(t, 'Office only', [user.id]);
    const rule = { tokenCreation: 'allowed' as const, maxLifetimeDays: 365, ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'] };
    const created = await api('POST', '/policies', policyBody('Office only', rule, { groupIds: [group], priority: 5 }));
    const policyId = created.json().data.id as string;
    const issued = (await api('POST', '/tokens', { owner: { type: 'user', id: user.id }, label: 'ci', scopes: ['read:jira-work', 'write:jira-work'] })).json();

    expect(await verify(issued.token, { ip: '10.1.2.3' })).toBe('VALID');
    expect(await verify(issued.token, { ip: '2001:db8::7' })).toBe('VALID');
    expect(await verify(issued.token, { ip: '198.51.100.1' })).toBe('IP_NOT_ALLOWED');
    expect(await verify(issued.token)).toBe('IP_NOT_ALLOWED');

    // Read-only from now on, existing tokens left as they are: the write scope no longer works.
    await api('PUT', `/policies/${policyId}`, policyBody('Office only', { ...rule, allowedScopes: ['class:read'] }, { groupIds: [group], priority: 5 }));
    expect(await verify(issued.token, { ip: '10.1.2.3', scopes: ['write:jira-work'] })).toBe('INSUFFICIENT_SCOPE');
    expect(await verify(issued.token, { ip: '10.1.2.3', scopes: ['read:jira-work'] })).toBe('VALID');

    await api('PUT', `/policies/${policyId}`, policyBody('Office only', { ...rule, tokenUse: 'blocked' }, { groupIds: [group], priority: 5 }));
    expect(await verify(issued.token, { ip: '10.1.2.3' })).toBe('USE_BLOCKED_BY_POLICY');

    // Out of the group: the default policy governs again.
    await api('DELETE', `/groups/${group}/members`, { userIds: [user.id] });
    expect(await verify(issued.token, { ip: '198.51.100.1', scopes: ['write:jira-work'] })).toBe('VALID');
  });

  it('verifies a rotated secret during its grace period only, and a revoked token never', async () => {
    const api = adminApi(t);
    const user = await seedUser(t.app, t.orgId);
    const issued = (await api('POST', '/tokens', { owner: { type: 'user', id: user.id }, label: 'x', scopes: ['read:jira-work'] })).json();
    expect(await verify(issued.token)).toBe('VALID');
    const rotated = (await api('POST', `/tokens/${issued.id}/rotate`, { gracePeriodHours: 1 })).json();
    expect(await verify(issued.token)).toBe('VALID');
    expect(await verify(rotated.token)).toBe('VALID');
    nowMs += HOUR_MS + 1;
    expect(['EXPIRED', 'NOT_FOUND']).toContain(await verify(issued.token));
    expect(await verify(rotated.token)).toBe('VALID');

    const again = (await api('POST', `/tokens/${issued.id}/rotate`, { gracePeriodHours: 0 })).json();
    expect(await verify(rotated.token)).toBe('NOT_FOUND');
    expect(await verify(again.token)).toBe('VALID');
    await api('DELETE', `/tokens/${issued.id}?reason=test`);
    expect(await verify(again.token)).toBe('REVOKED');
  });
});
