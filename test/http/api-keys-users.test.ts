/** K1/K2/K4 (admin API keys) and U1/U2 (a user's tokens) on both dialects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import type { User } from '../../src/domain/models.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedToken, seedUser } from '../support/seed.js';
import { expectErrorBody } from '../support/errors.js';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const SYSTEM = { actorType: 'system' as const, actorId: 'test', ip: null };

type KeyItem = { id: string; label: string; scopes: string[]; expiresAt: string | null; orgId: string; systemAccountId: string; resource: string };

describe.each(DIALECTS)('admin API keys and user tokens on %s', (dialect) => {
  let t: TestApp;
  let keysUrl: string;
  let otherOrg: string;
  let otherKey: { id: string; secret: string };
  const keys: Record<string, { id: string; secret: string }> = {};
  let alice: User;
  let stranger: User;

  const bootstrapKeyId = () => (t.app.bootstrap as { adminKey: { id: string } }).adminKey.id;
  const inject = (method: 'GET' | 'PATCH' | 'DELETE', url: string, key = t.adminKey) => t.app.http.inject({ method, url, headers: bearer(key) });
  const issueKey = async (orgId: string, label: string, scopes: string[], expiresInDays: number | null) => {
    const issued = await t.app.core.services.tokens.issueAdminKey({
      orgId,
      label,
      scopes,
      expiresAt: expiresInDays === null ? null : new Date(NOW.getTime() + expiresInDays * DAY),
      createdBy: null,
      audit: SYSTEM,
    });
    return { id: issued.token.id, secret: issued.secret };
  };
  const listKeys = async (query: string) => {
    const response = await inject('GET', `${keysUrl}${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { data: KeyItem[] }).data;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => NOW });
    keysUrl = `/admin/api-access/v1/orgs/${t.orgId}/api-keys`;
    keys.ci = await issueKey(t.orgId, 'CI reader', ['read:tokens:admin'], 2);
    keys.ops = await issueKey(t.orgId, 'Ops everything', [], 200);
    keys.audit = await issueKey(t.orgId, 'audit export', ['read:keys:admin'], 30);
    keys.noDelete = await issueKey(t.orgId, 'no delete', ['read:keys:admin', 'read:tokens:admin'], 30);
    await t.app.core.database.db.updateTable('tokens').set({ last_active_at: NOW.getTime() - 100 * DAY }).where('id', '=', keys.audit.id).execute();
    otherOrg = newOrgId();
    await createStores(t.app.core.database.db).organizations.insert({ id: otherOrg, name: 'other', createdAt: NOW });
    otherKey = await issueKey(otherOrg, 'theirs', [], 10);
    alice = await seedUser(t.app, t.orgId, { name: 'Alice Anders' });
    stranger = await seedUser(t.app, otherOrg, { name: 'Stranger' });
  });
  afterAll(async () => t?.close());

  it('lists the org admin keys (K2) in the contract shape and counts them (K1)', async () => {
    const all = await listKeys('?sort=label');
    // The bootstrap key plus the four made above; never the other org's.
    expect(all).toHaveLength(5);
    expect(all.map((k) => k.id)).not.toContain(otherKey.id);
    const ci = all.find((k) => k.id === keys.ci!.id)!;
    expect(ci).toEqual({
      id: keys.ci!.id,
      label: 'CI reader',
      createdAt: NOW.toISOString(),
      expiresAt: new Date(NOW.getTime() + 2 * DAY).toISOString(),
      lastActiveAt: null,
      systemAccountId: keys.ci!.id,
      resource: `ari:cloud:platform::org/${t.orgId}`,
      orgId: t.orgId,
      createdBy: null,
      scopes: ['read:tokens:admin'],
      targetResources: [],
    });
    expect(JSON.stringify(all)).not.toContain(keys.ci!.secret);
    expect((await inject('GET', `${keysUrl}/count`)).json()).toBe(5);
  });

  it('filters keys on q, keyType, expiresAt and lastActiveAt', async () => {
    const cases: Array<[string, string[]]> = [
      ['q=READER', [keys.ci!.id]],
      ['keyType=unscoped', [keys.ops!.id]],
      ['keyType=Scoped&expiresAtSearchType=lt&expiresAtUom=months&expiresAtValue=2', [keys.ci!.id, keys.audit!.id, keys.noDelete!.id]],
      ['expiresAtSearchType=lt&expiresAtUom=day&expiresAtValue=7', [keys.ci!.id]],
      // The bootstrap key never expires: infinitely far, so it matches gt.
      ['expiresAtSearchType=gt&expiresAtUom=day&expiresAtValue=100', [keys.ops!.id, bootstrapKeyId()]],
      ['lastActiveAtSearchType=range&lastActiveAtTo=2026-03-01', [keys.audit!.id]],
    ];
    for (const [query, expected] of cases) {
      expect((await listKeys(`?${query}`)).map((k) => k.id).sort(), query).toEqual([...expected].sort());
      expect((await inject('GET', `${keysUrl}/count?${query}`)).json(), query).toBe(expected.length);
    }
    for (const query of ['keyType=legacy', 'expiresAtSearchType=gt', 'sort=scopes']) {
      const response = await inject('GET', `${keysUrl}?${query}`);
      expect(response.statusCode, query).toBe(400);
      expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    }
  });

  it('pages keys with cursors', async () => {
    const first = await inject('GET', `${keysUrl}?pageSize=2&sort=-expiresAt`);
    const page = first.json() as { data: KeyItem[]; links: { next: string } };
    // The bootstrap key never expires: first in -expiresAt.
    expect(page.data[0]!.expiresAt).toBeNull();
    const second = (await inject('GET', `${keysUrl}?pageSize=2&sort=-expiresAt&cursor=${page.links.next}`)).json() as { data: KeyItem[] };
    expect(second.data).toHaveLength(2);
    expect(new Set([...page.data, ...second.data].map((k) => k.id)).size).toBe(4);
  });

  it('refuses K1/K2/K4 without the scope, and on another org', async () => {
    for (const [method, url] of [['GET', keysUrl], ['GET', `${keysUrl}/count`], ['PATCH', `${keysUrl}/revoke/${keys.ci!.id}`]] as const) {
      const response = await inject(method, url, keys.ci!.secret);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expectErrorBody(response.json(), 401, 'INSUFFICIENT_SCOPE');
    }
    const response = await inject('GET', `/admin/api-access/v1/orgs/${otherOrg}/api-keys`);
    expect(response.statusCode).toBe(403);
    expectErrorBody(response.json(), 403, 'FORBIDDEN');
  });

  it('revokes one key (K4): 204, gone from lists, no longer authenticates, audited; unknown or foreign ids 404', async () => {
    const response = await t.app.http.inject({ method: 'PATCH', url: `${keysUrl}/revoke/${keys.ci!.id}`, headers: bearer(t.adminKey), payload: {} });
    expect(response.statusCode, response.body).toBe(204);
    expect((await listKeys('')).map((k) => k.id)).not.toContain(keys.ci!.id);
    expect((await inject('GET', `${keysUrl}`, keys.ci!.secret)).statusCode).toBe(401);
    const audit = await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 3);
    expect(audit[0]).toMatchObject({ action: 'admin_key.revoked', targetId: keys.ci!.id, actorType: 'admin_key', ip: '127.0.0.1', details: { count: 1 } });
    for (const id of [keys.ci!.id, 'tok_nope', otherKey.id]) {
      const missing = await inject('PATCH', `${keysUrl}/revoke/${id}`);
      expect(missing.statusCode, id).toBe(404);
      expectErrorBody(missing.json(), 404, 'TOKEN_NOT_FOUND');
    }
    expect((await inject('GET', `/admin/v1/orgs`, otherKey.secret)).statusCode).toBe(200);
  });

  it("lists a user's tokens (U1) and revokes one (U2)", async () => {
    const live = await seedToken(t.app, t.orgId, { type: 'user', id: alice.id }, { label: 'laptop' });
    const old = await seedToken(t.app, t.orgId, { type: 'user', id: alice.id }, { label: 'old', expiresAt: new Date(NOW.getTime() + DAY) });
    await t.app.core.database.db.updateTable('tokens').set({ status: 'suspended', last_active_at: NOW.getTime() - DAY }).where('id', '=', old.token.id).execute();
    const listed = await inject('GET', `/users/${alice.id}/manage/api-tokens`);
    expect(listed.statusCode, listed.body).toBe(200);
    const body = listed.json() as Array<Record<string, unknown>>;
    expect(body).toHaveLength(2);
    expect(body.find((x) => x.id === old.token.id)).toEqual({
      id: old.token.id,
      label: 'old',
      createdAt: NOW.toISOString(),
      lastAccess: new Date(NOW.getTime() - DAY).toISOString(),
      expiry: new Date(NOW.getTime() + DAY).toISOString(),
      disabledStatus: true,
    });
    expect(body.find((x) => x.id === live.token.id)).toMatchObject({ disabledStatus: false, lastAccess: null });

    const deleted = await inject('DELETE', `/users/${alice.id}/manage/api-tokens/${live.token.id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(((await inject('GET', `/users/${alice.id}/manage/api-tokens`)).json() as unknown[]).length).toBe(1);
    const audit = await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 1);
    expect(audit[0]).toMatchObject({ action: 'token.revoked', targetId: live.token.id, ip: '127.0.0.1', details: { owner: alice.id } });

    const stray = await seedToken(t.app, otherOrg, { type: 'user', id: stranger.id });
    const cases: Array<[string, number, string]> = [
      [`/users/${alice.id}/manage/api-tokens/${live.token.id}`, 404, 'TOKEN_NOT_FOUND'],
      [`/users/${alice.id}/manage/api-tokens/${stray.token.id}`, 404, 'TOKEN_NOT_FOUND'],
      [`/users/${stranger.id}/manage/api-tokens/${stray.token.id}`, 404, 'USER_NOT_FOUND'],
      [`/users/usr_nobody/manage/api-tokens/${old.token.id}`, 404, 'USER_NOT_FOUND'],
      [`/users/bad%20id/manage/api-tokens/${old.token.id}`, 400, 'VALIDATION_FAILED'],
    ];
    for (const [url, status, title] of cases) {
      const response = await inject('DELETE', url);
      expect(response.statusCode, url).toBe(status);
      expectErrorBody(response.json(), status, title);
    }
    const foreign = await inject('GET', `/users/${stranger.id}/manage/api-tokens`);
    expect(foreign.statusCode).toBe(404);
    expectErrorBody(foreign.json(), 404, 'USER_NOT_FOUND');
  });

  it('refuses U1/U2 without the scope', async () => {
    const get = await inject('GET', `/users/${alice.id}/manage/api-tokens`, keys.audit!.secret);
    expect(get.statusCode).toBe(401);
    expectErrorBody(get.json(), 401, 'INSUFFICIENT_SCOPE');
    expect((await inject('GET', `/users/${alice.id}/manage/api-tokens`, keys.noDelete!.secret)).statusCode).toBe(200);
    const del = await inject('DELETE', `/users/${alice.id}/manage/api-tokens/tok_x`, keys.noDelete!.secret);
    expect(del.statusCode).toBe(401);
    expectErrorBody(del.json(), 401, 'INSUFFICIENT_SCOPE');
  });
});
