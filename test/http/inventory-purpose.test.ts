/**
 * What a token is for, found in the inventory on both dialects: `q` matches a purpose or a tag as
 * it matches a label or an owner (long and short search texts, lists, counts and the CSV agree);
 * `tag` and `hasPurpose` filter; each row carries its purpose and tags. The Atlassian-compatible
 * token list has no field for them, so its answers stay as they were: its `q` does not look at
 * purposes and its rows have no purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { adminApi } from '../support/policies.js';
import { seedToken, seedUser } from '../support/seed.js';

describe.each(DIALECTS)('purpose and tags in the inventory on %s', (dialect) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let ownerId = '';

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const admin = adminApi(t);
    const owner = await seedUser(t.app, t.orgId, { name: 'Quinn Owner', email: 'quinn@acme.test' });
    ownerId = owner.id;
    const seed = async (key: string, label: string, purpose: string | null, tags: string[]) => {
      ids[key] = (await seedToken(t.app, t.orgId, { type: 'user', id: owner.id }, { label })).token.id;
      if (purpose !== null || tags.length > 0) expect((await admin('PUT', `/tokens/${ids[key]}/purpose`, { purpose, tags })).statusCode).toBe(200);
    };
    await seed('backup', 'nightly job', 'Zebrafish archive BACKUP of the wiki', ['backup', 'team:platform']);
    await seed('deploy', 'deployer', 'Ships releases', ['ci']);
    await seed('reader', 'zebrafish reader', null, []);
    await seed('plain', 'plain token', null, []);
  });
  afterAll(async () => t.close());

  const list = async (query: string) => {
    const response = await adminApi(t)('GET', `/tokens?ownerId=${ownerId}&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { data: Array<{ id: string; purpose: string | null; tags: string[] }> };
  };
  const idsOf = async (query: string) => (await list(query)).data.map((row) => row.id).sort();
  const expected = (...keys: string[]) => keys.map((k) => ids[k]!).sort();

  it('finds tokens by purpose and tags with q, as by label, in lists, counts and the CSV', async () => {
    expect(await idsOf('q=zebrafish')).toEqual(expected('backup', 'reader')); // a purpose, a label
    expect(await idsOf('q=ARCHIVE%20backup')).toEqual(expected('backup')); // any case
    expect(await idsOf('q=team%3Aplatform')).toEqual(expected('backup')); // a tag
    expect(await idsOf('q=releases')).toEqual(expected('deploy'));
    expect(await idsOf('q=ci')).toEqual(expected('deploy')); // short texts take the other path
    expect(await idsOf('q=quinn')).toEqual(expected('backup', 'deploy', 'plain', 'reader')); // the owner, as before
    expect(await idsOf('q=nothing-like-it')).toEqual([]);

    const counts = await adminApi(t)('GET', `/tokens/counts?ownerId=${ownerId}&q=zebrafish`);
    expect(counts.json().total).toBe(2);
    const csv = (await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens/export.csv?ownerId=${ownerId}&q=zebrafish`, headers: bearer(t.adminKey) })).body;
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(csv).toContain('Zebrafish archive BACKUP of the wiki,backup team:platform');
  });

  it('filters by tag and by whether a purpose was given; rows carry both', async () => {
    expect(await idsOf('tag=ci')).toEqual(expected('deploy'));
    expect(await idsOf('tag=TEAM:PLATFORM')).toEqual(expected('backup'));
    expect(await idsOf('tag=c')).toEqual([]); // a whole tag, never a part
    expect(await idsOf('tag=team')).toEqual([]);
    expect(await idsOf('hasPurpose=true')).toEqual(expected('backup', 'deploy'));
    expect(await idsOf('hasPurpose=false')).toEqual(expected('plain', 'reader'));
    expect(await idsOf('hasPurpose=false&q=zebrafish')).toEqual(expected('reader'));
    expectErrorBody((await adminApi(t)('GET', '/tokens?hasPurpose=maybe')).json(), 400, 'VALIDATION_FAILED');
    expectErrorBody((await adminApi(t)('GET', `/tokens?tag=${'x'.repeat(51)}`)).json(), 400, 'VALIDATION_FAILED');

    const rows = (await list('q=zebrafish')).data;
    expect(rows.find((r) => r.id === ids.backup)).toMatchObject({ purpose: 'Zebrafish archive BACKUP of the wiki', tags: ['backup', 'team:platform'] });
    expect(rows.find((r) => r.id === ids.reader)).toMatchObject({ purpose: null, tags: [] });
    const one = await adminApi(t)('GET', `/tokens/${ids.deploy}`);
    expect(one.json()).toMatchObject({ purpose: 'Ships releases', tags: ['ci'] });
  });

  it('leaves the Atlassian-compatible token list as the contract has it', async () => {
    const answer = await t.app.http.inject({ url: `/admin/api-access/v1/orgs/${t.orgId}/api-tokens?q=zebrafish&pageSize=100`, headers: bearer(t.adminKey) });
    expect(answer.statusCode, answer.body).toBe(200);
    const rows = answer.json().data as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.id)).toEqual([ids.reader]); // the label matches; the purpose is not looked at
    expect(Object.keys(rows[0]!).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'label', 'lastActiveAt', 'scopes', 'status', 'user']);
    expect(answer.body).not.toContain('purpose');
  });
});
