/** Renaming an owner keeps the token inventory's `q` in step (the search text is denormalized). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedServiceAccount, seedToken } from '../support/seed.js';

describe.each(DIALECTS)('inventory search after renames on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  const count = async (q: string) =>
    (await t.app.http.inject({ url: `/admin/api-access/v1/orgs/${t.orgId}/api-tokens/count?q=${encodeURIComponent(q)}`, headers: bearer(t.adminKey) })).json() as number;

  it('finds a user token by the new name and e-mail, no longer by the old ones', async () => {
    const created = await t.app.http.inject({
      method: 'POST',
      url: `/admin/tokenward/v1/orgs/${t.orgId}/users`,
      headers: bearer(t.adminKey),
      payload: { email: 'grace@old.example', name: 'Grace Hopper' },
    });
    const userId = (created.json() as { id: string }).id;
    await seedToken(t.app, t.orgId, { type: 'user', id: userId }, { label: 'compiler' });
    expect(await count('hopper')).toBe(1);

    const patched = await t.app.http.inject({
      method: 'PATCH',
      url: `/admin/tokenward/v1/orgs/${t.orgId}/users/${userId}`,
      headers: bearer(t.adminKey),
      payload: { name: 'Grace Brewster', email: 'grace@navy.example' },
    });
    expect(patched.statusCode).toBe(200);
    expect(await count('hopper')).toBe(0);
    expect(await count('old.example')).toBe(0);
    expect(await count('brewster')).toBe(1);
    expect(await count('navy.example')).toBe(1);
    expect(await count('compiler')).toBe(1);
  });

  it("rewrites a service account's tokens too", async () => {
    const bot = await seedServiceAccount(t.app, t.orgId, { displayName: 'Deploy robot' });
    const token = await seedToken(t.app, t.orgId, { type: 'service_account', id: bot.id }, { label: 'deploys' });
    const patched = await t.app.http.inject({
      method: 'PATCH',
      url: `/admin/api-access/v1/orgs/${t.orgId}/service-accounts`,
      headers: bearer(t.adminKey),
      payload: { id: bot.id, displayName: 'Release automaton' },
    });
    expect(patched.statusCode).toBe(200);
    const row = await t.app.core.database.db.selectFrom('tokens').select('search_text').where('id', '=', token.token.id).executeTakeFirstOrThrow();
    expect(row.search_text).toContain('release automaton');
    expect(row.search_text).not.toContain('robot');
  });
});
