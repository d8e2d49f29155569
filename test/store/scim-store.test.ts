/**
 * SCIM's view of the directory: a page of users is two queries (the count and the page)
 * whatever its size, a page of groups with their members three; offset pages walk every row once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFilter } from '../../src/domain/scim-filter.js';
import { openDatabase } from '../../src/store/db.js';
import { createStores } from '../../src/store/stores.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { createScimToken, scimClient } from '../support/scim.js';

describe.each(DIALECTS)('SCIM store on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const scim = scimClient(t, (await createScimToken(t)).token);
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push((await scim('POST', '/Users', { userName: `u${i}@acme.test`, externalId: `x${i}` })).body.id);
    for (let g = 0; g < 5; g += 1) {
      const created = await scim('POST', '/Groups', { displayName: `G${g}`, members: ids.slice(g, g + 4).map((value) => ({ value })) });
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => t.close());

  async function countingQueries<T>(work: (stores: ReturnType<typeof createStores>) => Promise<T>): Promise<{ result: T; queries: string[] }> {
    const queries: string[] = [];
    const logged = openDatabase({ databaseUrl: t.db.databaseUrl, dataDir: t.db.dataDir, log: (event) => queries.push(event.query.sql) });
    try {
      return { result: await work(createStores(logged.db)), queries };
    } finally {
      await logged.close();
    }
  }

  it('lists a page of users in two queries, filtered or not', async () => {
    const { result, queries } = await countingQueries((s) => s.scim.listUsers(t.orgId, null, { offset: 0, limit: 100 }));
    expect(result.total).toBe(13);
    expect(result.items).toHaveLength(13);
    expect(queries).toHaveLength(2);
    const filtered = await countingQueries((s) => s.scim.listUsers(t.orgId, compileFilter('externalId eq "x3" or userName eq "U4@ACME.test"', 'User'), { offset: 0, limit: 100 }));
    expect(filtered.result.items.map((r) => r.scim?.userName)).toEqual(['u3@acme.test', 'u4@acme.test']);
    expect(filtered.queries).toHaveLength(2);
  });

  it('lists a page of groups with all their members in three queries', async () => {
    const { result, queries } = await countingQueries(async (s) => {
      const page = await s.scim.listGroups(t.orgId, null, { offset: 0, limit: 100 });
      return { page, members: await s.scim.membersOf(page.items.map((g) => g.id)) };
    });
    expect(result.page.items).toHaveLength(5);
    expect([...result.members.values()].map((m) => m.length)).toEqual([4, 4, 4, 4, 4]);
    expect(queries).toHaveLength(3);
  });

  it('walks every user exactly once with offset pages of any size', async () => {
    const stores = createStores(t.app.core.database.db);
    const all = (await stores.scim.listUsers(t.orgId, null, { offset: 0, limit: 1000 })).items.map((r) => r.user.id);
    for (const size of [1, 5, 7]) {
      const seen: string[] = [];
      for (let offset = 0; offset < all.length; offset += size) seen.push(...(await stores.scim.listUsers(t.orgId, null, { offset, limit: size })).items.map((r) => r.user.id));
      expect(seen).toEqual(all);
    }
  });
});
