/** Directory users: create, list/search/page, get, update, deactivate/reactivate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/models.js';
import { tokenUnusableReason } from '../../src/domain/models.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedToken, seedUser } from '../support/seed.js';

interface UserJson {
  id: string;
  email: string;
  name: string;
  role: string;
  accountType: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}
interface UserPage {
  data: UserJson[];
  links: { self: string; next: string | null; prev: string | null };
}

describe.each(DIALECTS)('directory users on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let clockMs = Date.parse('2026-03-01T00:00:00.000Z');

  beforeAll(async () => {
    // Every call to the clock moves it on 1 ms, so users get distinct creation times, except where
    // a test freezes it to check ties on created_at.
    t = await startTestApp(dialect, { clock: () => new Date(clockMs++) });
    base = `/admin/tokenward/v1/orgs/${t.orgId}`;
  });
  afterAll(async () => t.close());

  const api = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: unknown) =>
    t.app.http.inject({ method, url: `${base}${path}`, headers: bearer(t.adminKey), ...(payload === undefined ? {} : { payload: payload as object }) });

  const auditOf = async (action: string) => (await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 500)).filter((e) => e.action === action);

  it('creates a user with defaults, audits it, and gets it back', async () => {
    const created = await api('POST', '/users', { email: 'Ada@Example.com', name: ' Ada Lovelace ' });
    expect(created.statusCode).toBe(201);
    const user = created.json() as UserJson;
    expect(user).toMatchObject({ email: 'Ada@Example.com', name: 'Ada Lovelace', role: 'member', accountType: 'managed', status: 'active' });
    expect(user.id).toMatch(/^usr_/);
    expect(new Date(user.createdAt).toISOString()).toBe(user.createdAt);
    expect((await api('GET', `/users/${user.id}`)).json()).toEqual(user);
    const [entry] = await auditOf('user.created');
    expect(entry).toMatchObject({ targetType: 'user', targetId: user.id, actorType: 'admin_key', ip: '127.0.0.1' });

    const external = await api('POST', '/users', { email: 'ext@partner.test', name: 'Ext', role: 'auditor', accountType: 'external' });
    expect(external.json()).toMatchObject({ role: 'auditor', accountType: 'external' });
  });

  it('refuses a duplicate e-mail in any case with 409', async () => {
    const response = await api('POST', '/users', { email: 'ADA@example.COM', name: 'Other Ada' });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0]).toMatchObject({ status: '409', title: 'CONFLICT', code: 'ADMIN-409-1' });
  });

  it('refuses bad input with 400 and the error body', async () => {
    const cases: unknown[] = [
      {},
      { email: 'not-an-email', name: 'x' },
      { email: 'a@b.test', name: '' },
      { email: 'a@b.test', name: '   ' },
      { email: 'a@b.test', name: 'x', role: 'god' },
      { email: 'a@b.test', name: 'x', accountType: 'robot' },
      { email: 'a@b.test', name: 'x', status: 'deactivated' },
    ];
    for (const payload of cases) {
      const response = await api('POST', '/users', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors[0], JSON.stringify(payload)).toMatchObject({ status: '400', title: 'VALIDATION_FAILED', detail: expect.any(String) });
    }
    for (const query of ['status=gone', 'role=king', 'pageSize=0', 'pageSize=abc', 'cursor=forged.cursor']) {
      const response = await api('GET', `/users?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().errors[0].status).toBe('400');
    }
    expect((await api('GET', '/users/usr_nobody')).json().errors[0].title).toBe('USER_NOT_FOUND');
    expect((await api('PATCH', '/users/usr_nobody', { name: 'x' })).statusCode).toBe(404);
  });

  it('walks every user exactly once by links.next, and back by links.prev', async () => {
    const frozen = clockMs;
    // Some share a creation time, so the id breaks ties.
    for (let i = 0; i < 7; i += 1) await seedUser(t.app, t.orgId, { createdAt: new Date(frozen), updatedAt: new Date(frozen), name: `Pager ${i}` });
    for (let i = 7; i < 23; i += 1) await seedUser(t.app, t.orgId, { name: `Pager ${i}` });
    const all = (await api('GET', '/users?pageSize=1000')).json() as UserPage;
    expect(all.links.next).toBeNull();
    expect(all.links.prev).toBeNull();

    const seen: string[] = [];
    const pages: UserPage[] = [];
    let cursor: string | null = null;
    do {
      const page: UserPage = (await api('GET', `/users?pageSize=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      pages.push(page);
      expect(page.data.length).toBeLessThanOrEqual(4);
      seen.push(...page.data.map((u) => u.id));
      cursor = page.links.next;
    } while (cursor);
    expect(seen).toEqual(all.data.map((u) => u.id));
    expect(new Set(seen).size).toBe(seen.length);

    // prev of page n is page n-1; the first page has no prev.
    expect(pages[0]!.links.prev).toBeNull();
    for (let n = 1; n < pages.length; n += 1) {
      const back = (await api('GET', `/users?pageSize=4&cursor=${encodeURIComponent(pages[n]!.links.prev!)}`)).json() as UserPage;
      expect(back.data.map((u) => u.id)).toEqual(pages[n - 1]!.data.map((u) => u.id));
    }
    // self reproduces the page
    const again = (await api('GET', `/users?pageSize=4&cursor=${encodeURIComponent(pages[2]!.links.self)}`)).json() as UserPage;
    expect(again.data).toEqual(pages[2]!.data);
  });

  it('refuses a cursor replayed with other filters', async () => {
    const first = (await api('GET', '/users?pageSize=2&q=pager')).json() as UserPage;
    expect(first.links.next).not.toBeNull();
    const replayed = await api('GET', `/users?pageSize=2&q=other&cursor=${encodeURIComponent(first.links.next!)}`);
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json().errors[0].title).toBe('INVALID_PAGE_CURSOR');
  });

  it('searches name and e-mail case-insensitively, and filters by role and status', async () => {
    const grace = (await api('POST', '/users', { email: 'g.hopper@navy.test', name: 'Grace Hopper', role: 'admin' })).json() as UserJson;
    await api('POST', '/users', { email: 'percent%under_score@x.test', name: 'Literal' });
    const names = async (query: string) => ((await api('GET', `/users?${query}`)).json() as UserPage).data.map((u) => u.name);
    expect(await names('q=HOPPER')).toEqual(['Grace Hopper']);
    expect(await names('q=NAVY.TEST')).toEqual(['Grace Hopper']);
    expect(await names('q=ada')).toEqual(['Ada Lovelace']);
    // % and _ are literal characters in a search, not LIKE wildcards.
    expect(await names(`q=${encodeURIComponent('t%u')}`)).toEqual(['Literal']);
    expect(await names('q=r_s')).toEqual(['Literal']);
    expect(await names(`q=${encodeURIComponent('%%')}`)).toEqual([]);
    expect(await names('role=admin')).toEqual(['Grace Hopper']);
    expect(await names('role=owner')).toEqual(['Owner']);
    await api('POST', `/users/${grace.id}/deactivate`);
    expect(await names('status=deactivated')).toEqual(['Grace Hopper']);
    expect(await names('status=deactivated&q=ada')).toEqual([]);
  });

  it('updates name, e-mail and role, audits the change, and refuses a taken e-mail', async () => {
    const user = (await api('POST', '/users', { email: 'lin@x.test', name: 'Lin' })).json() as UserJson;
    const patched = await api('PATCH', `/users/${user.id}`, { name: 'Lin Wei', email: 'LIN.WEI@x.test', role: 'approver' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ id: user.id, name: 'Lin Wei', email: 'LIN.WEI@x.test', role: 'approver', createdAt: user.createdAt });
    expect(patched.json().updatedAt).not.toBe(user.updatedAt);
    const [entry] = await auditOf('user.updated');
    expect(entry).toMatchObject({ targetId: user.id, details: { changes: { name: { from: 'Lin', to: 'Lin Wei' }, role: { from: 'member', to: 'approver' } } } });

    expect((await api('PATCH', `/users/${user.id}`, { email: 'ada@example.com' })).statusCode).toBe(409);
    expect((await api('PATCH', `/users/${user.id}`, { email: 'lin.wei@X.TEST' })).statusCode).toBe(200); // own address, other case
    expect((await api('PATCH', `/users/${user.id}`, {})).statusCode).toBe(400);
    expect((await api('PATCH', `/users/${user.id}`, { status: 'deactivated' })).statusCode).toBe(400);
  });

  it('keeps an active owner: the last one cannot be demoted or deactivated', async () => {
    const owner = ((await api('GET', '/users?role=owner')).json() as UserPage).data[0]!;
    for (const response of [await api('PATCH', `/users/${owner.id}`, { role: 'admin' }), await api('POST', `/users/${owner.id}/deactivate`)]) {
      expect(response.statusCode).toBe(409);
      expect(response.json().errors[0].detail).toContain('last active owner');
    }
    const second = (await api('POST', '/users', { email: 'second.owner@x.test', name: 'Second', role: 'owner' })).json() as UserJson;
    expect((await api('PATCH', `/users/${owner.id}`, { role: 'admin' })).statusCode).toBe(200);
    expect((await api('PATCH', `/users/${second.id}`, { role: 'member' })).statusCode).toBe(409);
    expect((await api('PATCH', `/users/${owner.id}`, { role: 'owner' })).statusCode).toBe(200);
  });

  it('deactivation suspends the user’s tokens at once; reactivation restores only the suspended ones', async () => {
    let now = clockMs;
    const user: User = await seedUser(t.app, t.orgId);
    const other = await seedUser(t.app, t.orgId);
    const owner = { type: 'user' as const, id: user.id };
    const live = await seedToken(t.app, t.orgId, owner);
    const second = await seedToken(t.app, t.orgId, owner);
    const shortLived = await seedToken(t.app, t.orgId, owner, { expiresAt: new Date(now + 60_000) });
    const revoked = await seedToken(t.app, t.orgId, owner);
    const bystander = await seedToken(t.app, t.orgId, { type: 'user', id: other.id });
    const stores = createStores(t.app.core.database.db);
    await stores.tokens.revoke(t.orgId, revoked.token.id, null, 'test', new Date(now));
    const statusOf = async (id: string) => (await stores.tokens.findById(t.orgId, id))!.status;

    const deactivated = await api('POST', `/users/${user.id}/deactivate`);
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json()).toMatchObject({ user: { id: user.id, status: 'deactivated' }, tokensSuspended: 3 });
    for (const token of [live, second, shortLived]) expect(await statusOf(token.token.id)).toBe('suspended');
    expect(await statusOf(revoked.token.id)).toBe('revoked');
    expect(await statusOf(bystander.token.id)).toBe('active');
    expect((await auditOf('user.deactivated'))[0]).toMatchObject({ targetId: user.id, details: { tokensSuspended: 3 } });

    // Again: nothing changes, nothing is recorded.
    expect((await api('POST', `/users/${user.id}/deactivate`)).json()).toMatchObject({ tokensSuspended: 0 });
    expect((await auditOf('user.deactivated')).filter((e) => e.targetId === user.id)).toHaveLength(1);

    clockMs += 120_000; // the short-lived token's date passes while the user is away
    now = clockMs;
    const reactivated = await api('POST', `/users/${user.id}/reactivate`);
    expect(reactivated.json()).toMatchObject({ user: { status: 'active' }, tokensRestored: 3 });
    expect(await statusOf(live.token.id)).toBe('active');
    expect(await statusOf(revoked.token.id)).toBe('revoked');
    const expired = (await stores.tokens.findById(t.orgId, shortLived.token.id))!;
    expect(tokenUnusableReason(expired, new Date(now))).toBe('EXPIRED');
    expect(tokenUnusableReason((await stores.tokens.findById(t.orgId, revoked.token.id))!, new Date(now))).toBe('REVOKED');
    expect((await auditOf('user.reactivated'))[0]).toMatchObject({ targetId: user.id, details: { tokensRestored: 3 } });
  });
});
