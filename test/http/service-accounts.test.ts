/** SA3-SA6: the service-account lifecycle over real HTTP, on both dialects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody, insertOrg, scopedKey } from '../support/http.js';
import { seedServiceAccount, seedToken } from '../support/seed.js';

interface Item {
  atlassianId: string;
  id: string;
  email: string;
  displayName: string;
  picture: string | null;
  container: string;
  updatedAt: number;
  status: string;
  createdById: string | null;
  description: string | null;
}
interface ListBody {
  links: { next: string | null; prev: string | null };
  items: Item[];
  total: number;
}

describe.each(DIALECTS)('service accounts over HTTP on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  let ms = Date.parse('2026-06-01T00:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(ms) });
    url = `/admin/api-access/v1/orgs/${t.orgId}/service-accounts`;
  });
  afterAll(async () => t.close());

  const post = (payload: unknown, key = t.adminKey) => t.app.http.inject({ method: 'POST', url, headers: bearer(key), payload: payload as object });
  const list = (query = '', key = t.adminKey) => t.app.http.inject({ url: `${url}${query}`, headers: bearer(key) });

  it('creates an account (201) with a generated e-mail, and audits it with the caller and IP', async () => {
    const response = await post({ displayName: 'CI Bot', description: 'builds', permissionRules: [{ role: 'user' }], groupIds: ['grp_1'] });
    expect(response.statusCode).toBe(201);
    const item = response.json() as Item;
    expect(item).toMatchObject({ displayName: 'CI Bot', description: 'builds', status: 'ACTIVE', container: t.orgId, picture: null, updatedAt: ms });
    expect(item.atlassianId).toBe(item.id);
    expect(item.id).toMatch(/^sa_/);
    expect(item.email).toMatch(/^ci-bot-[0-9a-f]{12}@serviceaccount\.tokenward\.local$/);
    expect(item.createdById).toBe(t.app.bootstrap.firstStart ? t.app.bootstrap.adminKey.id : null);
    const [entry] = await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 1);
    expect(entry).toMatchObject({ action: 'service_account.created', targetId: item.id, actorType: 'admin_key', ip: '127.0.0.1' });
    expect(entry?.details).toMatchObject({ permissionRules: [{ role: 'user' }], groupIds: ['grp_1'] });
  });

  it('gives each account its own e-mail even for the same name (Our reading: names may repeat)', async () => {
    const a = (await post({ displayName: 'twin' })).json() as Item;
    const b = (await post({ displayName: 'twin' })).json() as Item;
    expect(a.email).not.toBe(b.email);
    expect(a.description).toBeNull();
  });

  it('refuses bad create bodies with 400', async () => {
    for (const payload of [{}, { displayName: '' }, { displayName: '   ' }, { displayName: 'x'.repeat(201) }, { displayName: 'x', groupIds: [''] }, []]) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    }
    const notJson = await t.app.http.inject({ method: 'POST', url, headers: { ...bearer(t.adminKey), 'content-type': 'application/json' }, payload: '{"displayName":' });
    expect(notJson.statusCode).toBe(400);
    expectErrorBody(notJson.json(), 400, 'BAD_REQUEST');
  });

  it('lists by keyset pages with links both ways, epoch-millisecond updatedAt and the total', async () => {
    for (let i = 0; i < 5; i++) {
      ms += 1000;
      await post({ displayName: `paged ${i}` });
    }
    const all = (await list('?pageSize=1000')).json() as ListBody;
    expect(all.total).toBe(all.items.length);
    expect(all.items.length).toBe(8);
    expect(all.links).toEqual({ next: null, prev: null });
    expect(typeof all.items[0]!.updatedAt).toBe('number');

    const seen: string[] = [];
    let body = (await list('?pageSize=3')).json() as ListBody;
    expect(body.links.prev).toBeNull();
    seen.push(...body.items.map((i) => i.id));
    while (body.links.next) {
      body = (await list(`?pageSize=3&cursor=${encodeURIComponent(body.links.next)}`)).json() as ListBody;
      seen.push(...body.items.map((i) => i.id));
    }
    expect(seen).toEqual(all.items.map((i) => i.id));
    const back = (await list(`?pageSize=3&cursor=${encodeURIComponent(body.links.prev!)}`)).json() as ListBody;
    expect(back.items.map((i) => i.id)).toEqual(seen.slice(3, 6));
    expect(back.total).toBe(8);
  });

  it('clamps a huge pageSize and refuses a negative one, zero, and a tampered cursor with 400', async () => {
    expect((await list('?pageSize=100000')).statusCode).toBe(200);
    for (const query of ['?pageSize=-1', '?pageSize=0', '?pageSize=ten']) {
      const response = await list(query);
      expect(response.statusCode, query).toBe(400);
      expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    }
    const { links } = (await list('?pageSize=2')).json() as ListBody;
    const tampered = `${links.next!.slice(0, -2)}${links.next!.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const cursor of [tampered, 'garbage', `e30.${'A'.repeat(22)}`]) {
      const response = await list(`?cursor=${encodeURIComponent(cursor)}`);
      expect(response.statusCode, cursor).toBe(400);
      expectErrorBody(response.json(), 400, 'INVALID_PAGE_CURSOR');
    }
  });

  it('updates the name and description by the id in the body (SA5), and 404s an unknown id', async () => {
    const created = (await post({ displayName: 'before', description: 'old' })).json() as Item;
    ms += 5000;
    const patch = (payload: unknown) => t.app.http.inject({ method: 'PATCH', url, headers: bearer(t.adminKey), payload: payload as object });
    const renamed = await patch({ id: created.id, displayName: 'after' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: created.id, displayName: 'after', description: 'old', updatedAt: ms, email: created.email });
    expect((await patch({ id: created.id, description: null })).json()).toMatchObject({ displayName: 'after', description: null });

    const missing = await patch({ id: newId('sa'), displayName: 'x' });
    expect(missing.statusCode).toBe(404);
    expectErrorBody(missing.json(), 404, 'SERVICE_ACCOUNT_NOT_FOUND');
    // Our reading: a body that changes nothing (a typo such as `name`) is refused, not a silent no-op.
    for (const payload of [{ id: created.id }, { id: created.id, name: 'typo' }, { displayName: 'no id' }]) {
      const response = await patch(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    }
    const audit = await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 5);
    expect(audit.filter((e) => e.action === 'service_account.updated' && e.targetId === created.id)).toHaveLength(2);
  });

  it('deletes an account (204): revokes its tokens in the same change, keeps them in history, then 404s', async () => {
    const account = await seedServiceAccount(t.app, t.orgId);
    const tokens = [await seedToken(t.app, t.orgId, { type: 'service_account', id: account.id }), await seedToken(t.app, t.orgId, { type: 'service_account', id: account.id })];
    const before = ((await list('?pageSize=1000')).json() as ListBody).total;
    const del = () => t.app.http.inject({ method: 'DELETE', url: `${url}/${account.id}`, headers: bearer(t.adminKey) });
    const response = await del();
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');

    const stores = createStores(t.app.core.database.db);
    for (const { token } of tokens) {
      expect(await stores.tokens.findById(t.orgId, token.id)).toMatchObject({ status: 'revoked', revokedReason: 'service account deleted' });
    }
    const [entry] = await stores.audit.listRecent(t.orgId, 1);
    expect(entry).toMatchObject({ action: 'service_account.deleted', targetId: account.id, details: { revokedTokens: 2 }, ip: '127.0.0.1' });
    const after = (await list('?pageSize=1000')).json() as ListBody;
    expect(after.total).toBe(before - 1);
    expect(after.items.some((i) => i.id === account.id)).toBe(false);
    expect((await del()).statusCode).toBe(404);
    await expect(seedToken(t.app, t.orgId, { type: 'service_account', id: account.id })).rejects.toMatchObject({ code: 'SERVICE_ACCOUNT_NOT_FOUND' });
    const patched = await t.app.http.inject({ method: 'PATCH', url, headers: bearer(t.adminKey), payload: { id: account.id, displayName: 'ghost' } });
    expect(patched.statusCode).toBe(404);
  });

  it("404s deleting an unknown or another org's account", async () => {
    const otherOrg = await insertOrg(t, 'other-del');
    const foreign = await seedServiceAccount(t.app, otherOrg);
    for (const id of [newId('sa'), foreign.id]) {
      const response = await t.app.http.inject({ method: 'DELETE', url: `${url}/${id}`, headers: bearer(t.adminKey) });
      expect(response.statusCode).toBe(404);
      expectErrorBody(response.json(), 404, 'SERVICE_ACCOUNT_NOT_FOUND');
    }
  });

  it("refuses another org's path with 403 and a key without the scope with 401 INSUFFICIENT_SCOPE", async () => {
    const otherOrg = await insertOrg(t, 'other-auth');
    const foreign = await t.app.http.inject({ url: `/admin/api-access/v1/orgs/${otherOrg}/service-accounts`, headers: bearer(t.adminKey) });
    expect(foreign.statusCode).toBe(403);
    expectErrorBody(foreign.json(), 403, 'FORBIDDEN');

    const reader = await scopedKey(t, ['read:service-accounts:admin']);
    const writer = await scopedKey(t, ['write:service-accounts:admin']);
    expect((await list('', reader)).statusCode).toBe(200);
    expect((await post({ displayName: 'by writer' }, writer)).statusCode).toBe(201);
    const cases = [
      await list('', writer),
      await post({ displayName: 'nope' }, reader),
      await t.app.http.inject({ method: 'PATCH', url, headers: bearer(reader), payload: { id: 'x', displayName: 'y' } }),
      await t.app.http.inject({ method: 'DELETE', url: `${url}/x`, headers: bearer(reader) }),
    ];
    for (const response of cases) {
      expect(response.statusCode).toBe(401);
      expectErrorBody(response.json(), 401, 'INSUFFICIENT_SCOPE');
    }
    expect((await list('', 'nope')).statusCode).toBe(401);
  });
});
