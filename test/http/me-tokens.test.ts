/** Member routes under /api/v1/me: own tokens only, rotation and revoke, sessions only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { memberApi, verifySecret } from '../support/policies.js';
import { seedUser } from '../support/seed.js';

describe.each(DIALECTS)('member token routes on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('creates, lists, rotates and revokes own tokens, and never touches another member’s', async () => {
    const alice = await memberApi(t, await seedUser(t.app, t.orgId));
    const bob = await memberApi(t, await seedUser(t.app, t.orgId));
    const created = await alice('POST', '/tokens', { label: 'laptop', scopes: ['read:jira-work'], expiresInDays: 10 });
    expect(created.statusCode, created.body).toBe(201);
    const token = created.json();
    expect(token.token).toMatch(/^twu_/);
    expect((await bob('GET', '/tokens')).json().data).toEqual([]);
    expectErrorBody((await bob('DELETE', `/tokens/${token.id}`)).json(), 404, 'TOKEN_NOT_FOUND');
    expectErrorBody((await bob('POST', `/tokens/${token.id}/rotate`, {})).json(), 404, 'TOKEN_NOT_FOUND');

    const rotated = await alice('POST', `/tokens/${token.id}/rotate`, { gracePeriodHours: 1 });
    expect(rotated.statusCode).toBe(200);
    expect(await verifySecret(t, token.token, null)).toMatchObject({ allowed: true });
    expect(await verifySecret(t, rotated.json().token, null)).toMatchObject({ allowed: true });
    const revoked = await alice('DELETE', `/tokens/${token.id}?reason=lost%20laptop`);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedReason: 'lost laptop' });
    expect(await verifySecret(t, rotated.json().token, null)).toMatchObject({ allowed: false, code: 'REVOKED' });
    expectErrorBody((await alice('POST', '/tokens', { label: 'x', scopes: ['nope:nothing'] })).json(), 400, 'VALIDATION_FAILED');
    expectErrorBody((await alice('POST', '/tokens', { label: 'x', scopes: ['read:jira-work'], expiresInDays: 400 })).json(), 400, 'VALIDATION_FAILED');
    expectErrorBody((await alice('POST', '/token-requests/treq_nope/retrieve')).json(), 404, 'TOKEN_REQUEST_NOT_FOUND');
  });

  it('refuses admin keys and missing sessions', async () => {
    for (const [method, url] of [['GET', '/api/v1/me/tokens'], ['POST', '/api/v1/me/tokens'], ['GET', '/api/v1/me/effective-policy']] as const) {
      expect((await t.app.http.inject({ method, url, headers: bearer(t.adminKey) })).statusCode).toBe(401);
      expect((await t.app.http.inject({ method, url })).statusCode).toBe(401);
    }
  });
});
