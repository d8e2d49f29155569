/**
 * `POST /api/v1/verify` over real HTTP on both dialects: every code, the caller's own
 * credential, and the cache dropping an entry at once on every path of docs/architecture.md's table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken } from '../../src/domain/token-format.js';
import type { PolicyCheck } from '../../src/domain/verification.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody, insertOrg, scopedKey } from '../support/http.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

const DAY_MS = 86_400_000;

/** A stand-in for the rule: the seam receives the request and answers a policy code. */
const testPolicy: PolicyCheck = (_token, owner, request) => {
  if (owner?.name === 'Blocked Person') return 'USE_BLOCKED_BY_POLICY';
  if (request.ip === '203.0.113.66') return 'IP_NOT_ALLOWED';
  return null;
};

describe.each(DIALECTS)('POST /api/v1/verify on %s', (dialect) => {
  let t: TestApp;
  let verifierKey: string;
  let nowMs = Date.now();

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs), verification: { policy: { load: async () => null, check: testPolicy } } });
    verifierKey = await scopedKey(t, ['verify:tokens']);
  });
  afterAll(async () => t.close());

  const verify = async (body: Record<string, unknown>, key = verifierKey) => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: bearer(key), payload: body });
    return { status: response.statusCode, body: response.json() };
  };
  const misses = () => t.app.core.services.verification.cacheStats().misses;
  const admin = (method: 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: Record<string, unknown>) =>
    t.app.http.inject({ method, url, headers: bearer(t.adminKey), ...(payload === undefined ? {} : { payload }) });

  it('answers VALID with the owner, scopes and expiry, and serves the repeat from memory', async () => {
    const user = await seedUser(t.app, t.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
    const expiresAt = new Date(nowMs + 30 * DAY_MS);
    const { token, secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes: ['read:jira-work', 'write:jira-work'], expiresAt });
    const first = await verify({ token: secret, scopes: ['read:jira-work'], ip: '198.51.100.7', method: 'GET', route: '/rest/api/3/issue/:id' });
    expect(first).toEqual({
      status: 200,
      body: {
        valid: true,
        code: 'VALID',
        tokenId: token.id,
        owner: { type: 'user', id: user.id, name: 'Ada Lovelace', email: 'ada@acme.test', groups: [] },
        scopes: ['read:jira-work', 'write:jira-work'],
        expiresAt: expiresAt.toISOString(),
      },
    });
    const before = misses();
    for (let i = 0; i < 5; i += 1) expect((await verify({ token: secret })).body.code).toBe('VALID');
    expect(misses()).toBe(before);
  });

  it('loads a new token once for a burst of concurrent verifications (single flight)', async () => {
    const user = await seedUser(t.app, t.orgId);
    const { secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
    const before = misses();
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify({ token: secret })));
    expect(answers.every((a) => a.body.code === 'VALID')).toBe(true);
    expect(misses() - before).toBe(1);
  });

  it('answers MALFORMED before any database access, and NOT_FOUND for an unknown token', async () => {
    const before = misses();
    const secret = generateToken('user').secret;
    // The checksum's last character changed (to one it is not: a fixed 'x' left it valid 1 time in 62).
    const badChecksum = `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`;
    for (const token of ['', 'twu_short', badChecksum, 'x'.repeat(4000)]) {
      expect(await verify({ token })).toEqual({
        status: 200,
        body: { valid: false, code: 'MALFORMED', tokenId: null, owner: null, scopes: [], expiresAt: null },
      });
    }
    expect(misses()).toBe(before);
    expect((await verify({ token: generateToken('user').secret })).body).toMatchObject({ valid: false, code: 'NOT_FOUND', tokenId: null });
  });

  it("answers NOT_FOUND for another org's token, exactly as for an unknown one", async () => {
    const otherOrg = await insertOrg(t, 'rival');
    const stranger = await seedUser(t.app, otherOrg);
    const { secret } = await seedToken(t.app, otherOrg, { type: 'user', id: stranger.id });
    expect((await verify({ token: secret })).body).toEqual({ valid: false, code: 'NOT_FOUND', tokenId: null, owner: null, scopes: [], expiresAt: null });
  });

  it('answers INSUFFICIENT_SCOPE when the token lacks a requested scope', async () => {
    const user = await seedUser(t.app, t.orgId);
    const { token, secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes: ['read:jira-work'] });
    expect((await verify({ token: secret, scopes: ['read:jira-work', 'write:jira-work'] })).body).toMatchObject({
      valid: false,
      code: 'INSUFFICIENT_SCOPE',
      tokenId: token.id,
    });
  });

  it('answers EXPIRED once the expiry passes, from the cached entry', async () => {
    const user = await seedUser(t.app, t.orgId);
    const { secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { expiresAt: new Date(nowMs + DAY_MS) });
    expect((await verify({ token: secret })).body.code).toBe('VALID');
    const saved = nowMs;
    nowMs += DAY_MS + 1;
    try {
      expect((await verify({ token: secret })).body.code).toBe('EXPIRED');
    } finally {
      nowMs = saved;
    }
  });

  it('passes the request to the policy seam: USE_BLOCKED_BY_POLICY and IP_NOT_ALLOWED', async () => {
    const blocked = await seedUser(t.app, t.orgId, { name: 'Blocked Person' });
    const { secret: blockedSecret } = await seedToken(t.app, t.orgId, { type: 'user', id: blocked.id });
    expect((await verify({ token: blockedSecret })).body.code).toBe('USE_BLOCKED_BY_POLICY');
    const user = await seedUser(t.app, t.orgId);
    const { secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
    expect((await verify({ token: secret, ip: '203.0.113.66' })).body.code).toBe('IP_NOT_ALLOWED');
    expect((await verify({ token: secret, ip: '203.0.113.67' })).body.code).toBe('VALID');
  });

  it('answers REVOKED at once after a revocation (U2), though the token was cached', async () => {
    const user = await seedUser(t.app, t.orgId);
    const { token, secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
    expect((await verify({ token: secret })).body.code).toBe('VALID');
    expect((await admin('DELETE', `/users/${user.id}/manage/api-tokens/${token.id}`)).statusCode).toBe(204);
    expect((await verify({ token: secret })).body).toMatchObject({ valid: false, code: 'REVOKED', tokenId: token.id });
  });

  it('answers SUSPENDED at once when the owner is deactivated, VALID again on reactivation', async () => {
    const user = await seedUser(t.app, t.orgId);
    const { secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
    expect((await verify({ token: secret })).body.code).toBe('VALID');
    expect((await admin('POST', `/admin/tokenward/v1/orgs/${t.orgId}/users/${user.id}/deactivate`)).statusCode).toBe(200);
    expect((await verify({ token: secret })).body.code).toBe('SUSPENDED');
    expect((await admin('POST', `/admin/tokenward/v1/orgs/${t.orgId}/users/${user.id}/reactivate`)).statusCode).toBe(200);
    expect((await verify({ token: secret })).body.code).toBe('VALID');
  });

  it('shows an owner rename at once', async () => {
    const user = await seedUser(t.app, t.orgId, { name: 'Old Name' });
    const { secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
    expect((await verify({ token: secret })).body.owner.name).toBe('Old Name');
    expect((await admin('PATCH', `/admin/tokenward/v1/orgs/${t.orgId}/users/${user.id}`, { name: 'New Name' })).statusCode).toBe(200);
    expect((await verify({ token: secret })).body.owner.name).toBe('New Name');
  });

  it("answers REVOKED at once for a service account's tokens (T5, SA6)", async () => {
    for (const path of ['/api-tokens', '']) {
      const account = await seedServiceAccount(t.app, t.orgId);
      const { secret } = await seedToken(t.app, t.orgId, { type: 'service_account', id: account.id });
      expect((await verify({ token: secret })).body).toMatchObject({ code: 'VALID', owner: { type: 'service_account', id: account.id } });
      const response = await admin('DELETE', `/admin/api-access/v1/orgs/${t.orgId}/service-accounts/${account.id}${path}`);
      expect(response.statusCode, path).toBeLessThan(300);
      expect((await verify({ token: secret })).body.code, path).toBe('REVOKED');
    }
  });

  it("answers REVOKED at once after the bulk revoke of managed users' tokens (T3)", async () => {
    const user = await seedUser(t.app, t.orgId);
    const { secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
    expect((await verify({ token: secret })).body.code).toBe('VALID');
    expect((await admin('DELETE', `/admin/api-access/v1/orgs/${t.orgId}/api-tokens`)).statusCode).toBe(204);
    expect((await verify({ token: secret })).body.code).toBe('REVOKED');
  });

  describe("the caller's own credential", () => {
    it('is 401 without a key, with a malformed one, or with a member token', async () => {
      const user = await seedUser(t.app, t.orgId);
      const { secret } = await seedToken(t.app, t.orgId, { type: 'user', id: user.id });
      for (const headers of [{}, { authorization: 'Bearer twa_garbage' }, { authorization: `Bearer ${secret}` }, bearer(generateToken('admin_key').secret)]) {
        const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers, payload: { token: secret } });
        expect(response.statusCode).toBe(401);
        expectErrorBody(response.json(), 401, 'UNAUTHENTICATED');
      }
    });

    it('is 401 INSUFFICIENT_SCOPE for a key without verify:tokens', async () => {
      const key = await scopedKey(t, ['read:tokens:admin']);
      const response = await verify({ token: generateToken('user').secret }, key);
      expect(response.status).toBe(401);
      expectErrorBody(response.body, 401, 'INSUFFICIENT_SCOPE');
    });

    it('stops working at once when the verifier key is revoked (K4)', async () => {
      const audit = { actorType: 'system' as const, actorId: 'test', ip: null };
      const issued = await t.app.core.services.tokens.issueAdminKey({ orgId: t.orgId, label: 'verifier', scopes: ['verify:tokens'], createdBy: null, audit });
      expect((await verify({ token: generateToken('user').secret }, issued.secret)).status).toBe(200);
      expect((await admin('PATCH', `/admin/api-access/v1/orgs/${t.orgId}/api-keys/revoke/${issued.token.id}`)).statusCode).toBe(204);
      const response = await verify({ token: generateToken('user').secret }, issued.secret);
      expect(response.status).toBe(401);
      expectErrorBody(response.body, 401, 'UNAUTHENTICATED');
    });

    it('is 400 for a body without a token, and never 500 for odd bodies', async () => {
      const response = await verify({ scopes: ['x'] });
      expect(response.status).toBe(400);
      expectErrorBody(response.body, 400, 'VALIDATION_FAILED');
      expect((await verify({ token: 'x', extra: true })).status).toBe(400);
      // The app coerces scalars as it does everywhere (coerceTypes): a number is a malformed token.
      expect((await verify({ token: 42, scopes: 'read:x' })).body.code).toBe('MALFORMED');
    });
  });
});
