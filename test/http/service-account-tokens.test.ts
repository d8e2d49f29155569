/** SA1, SA2, T4, T5: service-account API tokens over real HTTP, on both dialects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.js';
import type { ServiceAccount } from '../../src/domain/models.js';
import { tokenUnusableReason } from '../../src/domain/models.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody, insertOrg, scopedKey } from '../support/http.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

interface TokenItem {
  id: string;
  label: string;
  status: string;
  createdAt: string;
  expiresAt: string | null;
  lastActiveAt: string | null;
  user: { id: string; orgId: string; name: string; email: string };
  scopes: string[];
}

describe.each(DIALECTS)('service-account tokens over HTTP on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let now = new Date('2026-06-01T00:00:00.000Z');
  let alpha: ServiceAccount;
  let beta: ServiceAccount;
  let foreign: ServiceAccount;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => now });
    base = `/admin/api-access/v1/orgs/${t.orgId}/service-accounts`;
    alpha = await seedServiceAccount(t.app, t.orgId, { displayName: 'Alpha' });
    beta = await seedServiceAccount(t.app, t.orgId, { displayName: 'Beta' });
    const sa = (account: ServiceAccount) => ({ type: 'service_account' as const, id: account.id });
    // Each token a second later than the one before, so the (createdAt, id) order is the seeding order.
    const seedAt = async (...args: Parameters<typeof seedToken>) => {
      now = new Date(now.getTime() + 1000);
      return seedToken(...args);
    };
    ids.deploy = (await seedAt(t.app, t.orgId, sa(alpha), { label: 'Deploy-Prod', scopes: ['write:jira-work'] })).token.id;
    ids.short = (await seedAt(t.app, t.orgId, sa(alpha), { label: 'short-lived', expiresAt: new Date('2026-06-10T00:00:00.000Z') })).token.id;
    ids.suspended = (await seedAt(t.app, t.orgId, sa(alpha), { label: 'suspended one' })).token.id;
    ids.revoked = (await seedAt(t.app, t.orgId, sa(beta), { label: 'revoked one' })).token.id;
    ids.betaDeploy = (await seedAt(t.app, t.orgId, sa(beta), { label: 'deploy staging' })).token.id;
    const stores = createStores(t.app.core.database.db);
    await t.app.core.database.db.updateTable('tokens').set({ status: 'suspended' }).where('id', '=', ids.suspended).execute();
    await stores.tokens.revoke(t.orgId, ids.revoked, null, 'test', now);
    now = new Date('2026-06-01T00:00:00.000Z');
    // A user's token and another org's account must never show up here.
    const user = await seedUser(t.app, t.orgId);
    await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { label: 'deploy user' });
    const otherOrg = await insertOrg(t, 'other');
    foreign = await seedServiceAccount(t.app, otherOrg);
    await seedToken(t.app, otherOrg, sa(foreign), { label: 'deploy foreign' });
  });
  afterAll(async () => t.close());

  const get = (url: string, key = t.adminKey) => t.app.http.inject({ url, headers: bearer(key) });
  const count = (payload: unknown, key = t.adminKey) =>
    t.app.http.inject({ method: 'POST', url: `${base}/count`, headers: { ...bearer(key), 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  it('SA1 lists unrevoked tokens of every service account of the org as a bare array', async () => {
    const response = await get(`${base}/api-tokens`);
    expect(response.statusCode).toBe(200);
    const items = response.json() as TokenItem[];
    expect(items.map((i) => i.id)).toEqual([ids.deploy, ids.short, ids.suspended, ids.betaDeploy]);
    expect(items[0]).toEqual({
      id: ids.deploy,
      label: 'Deploy-Prod',
      status: 'ALLOWED',
      createdAt: '2026-06-01T00:00:01.000Z',
      expiresAt: '2027-06-01T00:00:01.000Z',
      lastActiveAt: null,
      user: { id: alpha.id, orgId: t.orgId, name: 'Alpha', email: alpha.email },
      scopes: ['write:jira-work'],
    });
    expect(items.find((i) => i.id === ids.suspended)?.status).toBe('BLOCKED');
  });

  it('reports an expired token as BLOCKED', async () => {
    now = new Date('2026-06-11T00:00:00.000Z');
    try {
      const items = (await get(`${base}/${alpha.id}/api-tokens`)).json() as TokenItem[];
      expect(items.find((i) => i.id === ids.short)?.status).toBe('BLOCKED');
      expect(items.find((i) => i.id === ids.deploy)?.status).toBe('ALLOWED');
    } finally {
      now = new Date('2026-06-01T00:00:00.000Z');
    }
  });

  it('filters by tokenLabel as a case-insensitive substring (our reading)', async () => {
    const labels = async (url: string) => ((await get(url)).json() as TokenItem[]).map((i) => i.label);
    expect(await labels(`${base}/api-tokens?tokenLabel=DEPLOY`)).toEqual(['Deploy-Prod', 'deploy staging']);
    expect(await labels(`${base}/${alpha.id}/api-tokens?tokenLabel=deploy`)).toEqual(['Deploy-Prod']);
    expect(await labels(`${base}/api-tokens?tokenLabel=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await labels(`${base}/api-tokens?tokenLabel=`)).toHaveLength(4);
  });

  it('SA2 lists one account, and 404s an unknown or foreign one', async () => {
    const items = (await get(`${base}/${beta.id}/api-tokens`)).json() as TokenItem[];
    expect(items.map((i) => i.id)).toEqual([ids.betaDeploy]);
    for (const id of [newId('sa'), foreign.id]) {
      const response = await get(`${base}/${id}/api-tokens`);
      expect(response.statusCode).toBe(404);
      expectErrorBody(response.json(), 404, 'SERVICE_ACCOUNT_NOT_FOUND');
    }
  });

  it('T4 counts unrevoked tokens per id, from an array or {serviceAccountIds}; others are invalid', async () => {
    const expected = {
      validServiceAccountIds: [
        { serviceAccountId: alpha.id, credentialsCount: 3 },
        { serviceAccountId: beta.id, credentialsCount: 1 },
      ],
      invalidServiceAccountIds: ['nope', foreign.id],
    };
    const asArray = await count([alpha.id, beta.id, 'nope', foreign.id, alpha.id]);
    expect(asArray.statusCode).toBe(200);
    expect(asArray.json()).toEqual(expected);
    expect((await count({ serviceAccountIds: [alpha.id, beta.id, 'nope', foreign.id] })).json()).toEqual(expected);
    expect((await count([])).json()).toEqual({ validServiceAccountIds: [], invalidServiceAccountIds: [] });
    expect((await count(Array.from({ length: 100 }, (_, i) => `id-${i}`))).statusCode).toBe(200);
  });

  it('T4 refuses 101 ids, non-array bodies and a body that is not JSON with 400', async () => {
    for (const payload of [Array.from({ length: 101 }, (_, i) => `id-${i}`), { serviceAccountIds: Array.from({ length: 101 }, (_, i) => `id-${i}`) }, 'abc', 42, null, {}, { ids: [] }]) {
      const response = await count(payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
      expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    }
    const notJson = await t.app.http.inject({ method: 'POST', url: `${base}/count`, headers: { ...bearer(t.adminKey), 'content-type': 'application/json' }, payload: '[1,' });
    expect(notJson.statusCode).toBe(400);
    expectErrorBody(notJson.json(), 400, 'BAD_REQUEST');
  });

  it('T5 revokes every token of the account (204): they stop being usable and the count drops to 0', async () => {
    const revoke = (id: string, key = t.adminKey) => t.app.http.inject({ method: 'DELETE', url: `${base}/${id}/api-tokens`, headers: bearer(key) });
    const response = await revoke(alpha.id);
    expect(response.statusCode).toBe(204);
    const stores = createStores(t.app.core.database.db);
    for (const id of [ids.deploy, ids.short, ids.suspended]) {
      const token = await stores.tokens.findById(t.orgId, id!);
      expect(token?.status).toBe('revoked');
      expect(tokenUnusableReason(token!, now)).toBe('REVOKED');
    }
    expect((await count([alpha.id, beta.id])).json()).toMatchObject({
      validServiceAccountIds: [
        { serviceAccountId: alpha.id, credentialsCount: 0 },
        { serviceAccountId: beta.id, credentialsCount: 1 },
      ],
    });
    expect((await get(`${base}/${alpha.id}/api-tokens`)).json()).toEqual([]);
    const [entry] = await stores.audit.listRecent(t.orgId, 1);
    expect(entry).toMatchObject({ action: 'service_account.tokens_revoked', targetId: alpha.id, details: { revokedTokens: 3 }, actorType: 'admin_key', ip: '127.0.0.1' });
    // Again: nothing left to revoke, still 204; the account itself stays.
    expect((await revoke(alpha.id)).statusCode).toBe(204);
    expect((await get(`${base}/${alpha.id}/api-tokens`)).statusCode).toBe(200);
    for (const id of [newId('sa'), foreign.id]) {
      const missing = await revoke(id);
      expect(missing.statusCode).toBe(404);
      expectErrorBody(missing.json(), 404, 'SERVICE_ACCOUNT_NOT_FOUND');
    }
  });

  it("refuses another org's path with 403 and keys lacking the scope with 401 INSUFFICIENT_SCOPE", async () => {
    const otherOrg = await insertOrg(t, 'other-2');
    const foreignPath = await get(`/admin/api-access/v1/orgs/${otherOrg}/service-accounts/api-tokens`);
    expect(foreignPath.statusCode).toBe(403);
    expectErrorBody(foreignPath.json(), 403, 'FORBIDDEN');

    const reader = await scopedKey(t, ['read:service-accounts-tokens:admin']);
    const deleter = await scopedKey(t, ['delete:service-accounts-tokens:admin']);
    expect((await get(`${base}/api-tokens`, reader)).statusCode).toBe(200);
    expect((await count([beta.id], reader)).statusCode).toBe(200);
    const refused = [
      await get(`${base}/api-tokens`, deleter),
      await get(`${base}/${beta.id}/api-tokens`, deleter),
      await count([beta.id], deleter),
      await t.app.http.inject({ method: 'DELETE', url: `${base}/${beta.id}/api-tokens`, headers: bearer(reader) }),
    ];
    for (const response of refused) {
      expect(response.statusCode).toBe(401);
      expectErrorBody(response.json(), 401, 'INSUFFICIENT_SCOPE');
    }
  });
});
