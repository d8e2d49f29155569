/**
 * Verification enforces the owner's effective policy, over real HTTP on both
 * dialects: use blocked, IP allowlist, scopes the policy no longer allows; a policy change shows at
 * once though the token was cached; a rotated token's old secret verifies during its grace only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { scopedKey } from '../support/http.js';
import { seedToken, seedUser } from '../support/seed.js';

const HOUR_MS = 3_600_000;

describe.each(DIALECTS)('verification under policies on %s', (dialect) => {
  let t: TestApp;
  let verifierKey: string;
  let nowMs = Date.now();
  const base = () => `/admin/tokenward/v1/orgs/${t.orgId}`;

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs) });
    verifierKey = await scopedKey(t, ['verify:tokens']);
  });
  afterAll(async () => t.close());

  const verify = async (token: string, fields: Record<string, unknown> = {}) => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: bearer(verifierKey), payload: { token, ...fields } });
    expect(response.statusCode).toBe(200);
    return response.json() as { code: string; valid: boolean };
  };
  const policyBody = (name: string, userId: string, rule: Record<string, unknown>) => ({
    data: {
      type: 'policy',
      attributes: { type: 'authentication', name, priority: 10, rule: { tokenCreation: 'allowed', maxLifetimeDays: 365, ...rule }, assignees: { userIds: [userId] } },
    },
  });
  const admin = async (method: 'POST' | 'PUT', url: string, payload: Record<string, unknown>) => {
    const response = await t.app.http.inject({ method, url, headers: bearer(t.adminKey), payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json() as { data: { id: string } };
  };

  it('refuses use blocked by policy, and shows a policy change at once', async () => {
    const user = await seedUser(t.app, t.orgId);
    const { secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
    expect((await verify(secret)).code).toBe('VALID'); // cached now, with its (default) policy
    const created = await admin('POST', `${base()}/policies`, policyBody(`blocked ${user.id}`, user.id, { tokenUse: 'blocked' }));
    expect((await verify(secret)).code).toBe('USE_BLOCKED_BY_POLICY');
    await admin('PUT', `${base()}/policies/${created.data.id}`, policyBody(`blocked ${user.id}`, user.id, { tokenUse: 'allowed' }));
    expect((await verify(secret)).code).toBe('VALID');
  });

  it('refuses an address outside the allowlist (and an unknown one), and scopes the policy no longer allows', async () => {
    const user = await seedUser(t.app, t.orgId);
    const { secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes: ['read:jira-work', 'write:jira-work'] });
    await admin('POST', `${base()}/policies`, policyBody(`net ${user.id}`, user.id, { ipAllowlist: ['10.0.0.0/8'], allowedScopes: ['class:read'] }));
    expect((await verify(secret, { ip: '10.1.2.3', scopes: ['read:jira-work'] })).code).toBe('VALID');
    expect((await verify(secret, { ip: '192.0.2.1' })).code).toBe('IP_NOT_ALLOWED');
    expect((await verify(secret)).code).toBe('IP_NOT_ALLOWED');
    expect((await verify(secret, { ip: '10.1.2.3', scopes: ['write:jira-work'] })).code).toBe('INSUFFICIENT_SCOPE');
  });

  it("verifies a rotated token's old secret during the grace period only, the new one at once", async () => {
    const user = await seedUser(t.app, t.orgId);
    const { token, secret: oldSecret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
    expect((await verify(oldSecret)).code).toBe('VALID');
    const rotated = await t.app.http.inject({ method: 'POST', url: `${base()}/tokens/${token.id}/rotate`, headers: bearer(t.adminKey), payload: { gracePeriodHours: 1 } });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const body = rotated.json() as { token?: string; data?: { token?: string } };
    const newSecret = (body.token ?? body.data?.token)!;
    expect((await verify(newSecret)).code).toBe('VALID');
    expect((await verify(oldSecret)).code).toBe('VALID'); // within the grace hour
    const saved = nowMs;
    nowMs += HOUR_MS + 1;
    try {
      expect((await verify(oldSecret)).code).toBe('NOT_FOUND');
      expect((await verify(newSecret)).code).toBe('VALID');
    } finally {
      nowMs = saved;
    }
  });
});
