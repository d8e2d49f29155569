/** Directory groups: CRUD, member counts in one query, bulk membership, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import { openDatabase } from '../../src/store/db.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedUser } from '../support/seed.js';

interface GroupJson {
  id: string;
  name: string;
  memberCount: number;
  memberIds?: string[];
  createdAt: string;
}
interface GroupPage {
  data: GroupJson[];
  links: { self: string; next: string | null; prev: string | null };
}

describe.each(DIALECTS)('directory groups on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let users: string[];
  let outsider: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    base = `/admin/tokenward/v1/orgs/${t.orgId}`;
    users = [];
    for (let i = 0; i < 5; i += 1) users.push((await seedUser(t.app, t.orgId)).id);
    const otherOrg = newOrgId();
    await createStores(t.app.core.database.db).organizations.insert({ id: otherOrg, name: 'rival', createdAt: new Date() });
    outsider = (await seedUser(t.app, otherOrg)).id;
  });
  afterAll(async () => t.close());

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, payload?: unknown) =>
    t.app.http.inject({ method, url: `${base}${path}`, headers: bearer(t.adminKey), ...(payload === undefined ? {} : { payload: payload as object }) });

  const actions = async () => (await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 500)).map((e) => e.action);

  it('creates, gets, renames and deletes a group, each audited', async () => {
    const created = await api('POST', '/groups', { name: ' Platform ' });
    expect(created.statusCode).toBe(201);
    const group = created.json() as GroupJson;
    expect(group).toMatchObject({ name: 'Platform', memberCount: 0, memberIds: [] });
    expect(group.id).toMatch(/^grp_/);
    expect((await api('GET', `/groups/${group.id}`)).json()).toEqual(group);

    const renamed = await api('PATCH', `/groups/${group.id}`, { name: 'Platform team' });
    expect(renamed.json()).toMatchObject({ id: group.id, name: 'Platform team' });

    const deleted = await api('DELETE', `/groups/${group.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    const gone = await api('GET', `/groups/${group.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().errors[0]).toMatchObject({ title: 'GROUP_NOT_FOUND', code: 'ADMIN-404-6' });
    expect((await api('DELETE', `/groups/${group.id}`)).statusCode).toBe(404);
    expect(await actions()).toEqual(expect.arrayContaining(['group.created', 'group.renamed', 'group.deleted']));
  });

  it('refuses duplicate names with 409, on create and rename', async () => {
    await api('POST', '/groups', { name: 'Security' });
    const other = (await api('POST', '/groups', { name: 'Finance' })).json() as GroupJson;
    const duplicate = await api('POST', '/groups', { name: 'Security' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors[0].title).toBe('CONFLICT');
    expect((await api('PATCH', `/groups/${other.id}`, { name: 'Security' })).statusCode).toBe(409);
  });

  it('refuses bad input with 400 and the error body', async () => {
    const group = (await api('POST', '/groups', { name: 'Validation' })).json() as GroupJson;
    const cases: Array<[method: 'POST' | 'PATCH' | 'PUT', path: string, payload: unknown]> = [
      ['POST', '/groups', {}],
      ['POST', '/groups', { name: '' }],
      ['POST', '/groups', { name: '   ' }],
      ['PATCH', `/groups/${group.id}`, { name: { first: 'a' } }],
      ['PATCH', `/groups/${group.id}`, { title: 'x' }],
      ['PUT', `/groups/${group.id}/members`, {}],
      ['PUT', `/groups/${group.id}/members`, { userIds: 'usr_x' }],
    ];
    for (const [method, path, payload] of cases) {
      const response = await api(method, path, payload);
      expect(response.statusCode, `${method} ${path} ${JSON.stringify(payload)}`).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ status: '400', title: 'VALIDATION_FAILED', detail: expect.any(String) });
    }
    expect((await api('GET', '/groups?cursor=nope.nope')).json().errors[0].title).toBe('INVALID_PAGE_CURSOR');
  });

  it('replaces, adds and removes members in bulk, refusing ids outside the org by name', async () => {
    const group = (await api('POST', '/groups', { name: 'Members' })).json() as GroupJson;
    const path = `/groups/${group.id}/members`;

    const replaced = await api('PUT', path, { userIds: [users[0], users[1], users[1]] });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ memberCount: 2 });
    expect(new Set(replaced.json().memberIds)).toEqual(new Set([users[0], users[1]]));

    const added = await api('POST', path, { userIds: [users[1], users[2], users[3]] });
    expect(new Set(added.json().memberIds)).toEqual(new Set(users.slice(0, 4)));

    const removed = await api('DELETE', path, { userIds: [users[0], users[4]] });
    expect(new Set(removed.json().memberIds)).toEqual(new Set([users[1], users[2], users[3]]));

    const again = await api('PUT', path, { userIds: [users[4]] });
    expect(again.json().memberIds).toEqual([users[4]]);

    for (const method of ['PUT', 'POST', 'DELETE'] as const) {
      const refused = await api(method, path, { userIds: [users[0], outsider, 'usr_nobody'] });
      expect(refused.statusCode, method).toBe(400);
      expect(refused.json().errors[0].detail).toContain(outsider);
      expect(refused.json().errors[0].detail).toContain('usr_nobody');
    }
    expect((await api('GET', `/groups/${group.id}`)).json().memberIds).toEqual([users[4]]); // untouched by the refusals

    const emptied = await api('PUT', path, { userIds: [] });
    expect(emptied.json()).toMatchObject({ memberCount: 0, memberIds: [] });
    expect((await api('PUT', '/groups/grp_nothing/members', { userIds: [] })).statusCode).toBe(404);

    const entries = (await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 500)).filter((e) => e.targetId === group.id);
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['group.members_replaced', 'group.members_added', 'group.members_removed']),
    );
    expect(entries.find((e) => e.action === 'group.members_added')?.details).toMatchObject({ added: 2, removed: 0 });
  });

  it('lists groups with member counts, paged, in one query per page', async () => {
    const counted = (await api('POST', '/groups', { name: 'Counted' })).json() as GroupJson;
    await api('PUT', `/groups/${counted.id}/members`, { userIds: users.slice(0, 3) });

    const all = (await api('GET', '/groups?pageSize=1000')).json() as GroupPage;
    expect(all.data.find((g) => g.id === counted.id)).toMatchObject({ name: 'Counted', memberCount: 3 });
    expect(all.data.find((g) => g.name === 'Security')).toMatchObject({ memberCount: 0 });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: GroupPage = (await api('GET', `/groups?pageSize=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      seen.push(...page.data.map((g) => g.id));
      cursor = page.links.next;
    } while (cursor);
    expect(seen).toEqual(all.data.map((g) => g.id));

    const queries: string[] = [];
    const logged = openDatabase({ databaseUrl: t.db.databaseUrl, dataDir: t.db.dataDir, log: (event) => queries.push(event.query.sql) });
    try {
      const page = await createStores(logged.db).groups.list(t.orgId, { limit: 100 });
      expect(page.items.length).toBeGreaterThan(3);
      expect(queries).toHaveLength(1);
    } finally {
      await logged.close();
    }
  });

  it('drops memberships with their group', async () => {
    const group = (await api('POST', '/groups', { name: 'Doomed' })).json() as GroupJson;
    await api('PUT', `/groups/${group.id}/members`, { userIds: users });
    expect((await api('DELETE', `/groups/${group.id}`)).statusCode).toBe(204);
    const recreated = (await api('POST', '/groups', { name: 'Doomed' })).json() as GroupJson;
    expect(recreated.memberCount).toBe(0);
    const rows = await t.app.core.database.db.selectFrom('group_members').selectAll().where('group_id', '=', group.id).execute();
    expect(rows).toEqual([]);
  });
});
