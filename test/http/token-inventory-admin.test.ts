/** Tokenward's inventory of every token of an org over real HTTP, on both dialects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgTokenCountsResponse, OrgTokenJson, OrgTokenListResponse } from '../../src/http/schemas/org-tokens.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody, insertOrg, scopedKey } from '../support/http.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

const DAY = 86_400_000;

describe.each(DIALECTS)('org token inventory over HTTP on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  const start = new Date('2026-06-01T00:00:00.000Z');
  let now = start;
  const ids: Record<string, string> = {};
  let foreignTokenId: string;
  const ownerIds: Record<string, string> = {};

  const get = async (url: string, key = t.adminKey) => t.app.http.inject({ method: 'GET', url, headers: bearer(key) });
  const list = async (query: string) => {
    const response = await get(`${base}?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as OrgTokenListResponse;
  };
  const labels = async (query: string) => (await list(query)).data.map((item) => item.label);

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => now });
    base = `/admin/tokenward/v1/orgs/${t.orgId}/tokens`;
    const alice = await seedUser(t.app, t.orgId, { name: 'Alice Example', email: 'alice@acme.test' });
    const bob = await seedUser(t.app, t.orgId, { name: 'Bob Builder', email: 'bob@acme.test' });
    const bot = await seedServiceAccount(t.app, t.orgId, { displayName: 'Deploy Bot' });
    ownerIds.bob = bob.id;
    ownerIds.bot = bot.id;
    const user = (id: string) => ({ type: 'user' as const, id });
    // Each token a day after the one before: the -createdAt order is the reverse of seeding.
    const at = async (days: number, ...args: Parameters<typeof seedToken>) => {
      now = new Date(start.getTime() + days * DAY);
      return (await seedToken(...args)).token.id;
    };
    ids.old = await at(1, t.app, t.orgId, user(alice.id), { label: 'alice old', expiresAt: new Date(start.getTime() + 20 * DAY) });
    ids.ci = await at(2, t.app, t.orgId, user(bob.id), { label: 'bob ci', scopes: ['write:jira-work'] });
    ids.gone = await at(3, t.app, t.orgId, user(bob.id), { label: 'bob revoked' });
    ids.deploy = await at(4, t.app, t.orgId, { type: 'service_account', id: bot.id }, { label: '=deploy', scopes: ['read:jira-work', 'write:jira-work'] });
    ids.laptop = await at(5, t.app, t.orgId, user(alice.id), { label: 'alice laptop', expiresAt: new Date(start.getTime() + 110 * DAY) });
    now = new Date(start.getTime() + 6 * DAY);
    ids.key = (await t.app.core.services.tokens.issueAdminKey({
      orgId: t.orgId,
      label: 'ops key',
      scopes: ['read:tokens:admin'],
      expiresAt: new Date(start.getTime() + 300 * DAY),
      createdBy: null,
      audit: { actorType: 'system', actorId: 'test', ip: null },
    })).token.id;
    const { db } = t.app.core.database;
    await db.updateTable('tokens').set({ status: 'suspended' }).where('id', '=', ids.ci!).execute();
    await createStores(db).tokens.revoke(t.orgId, ids.gone!, null, 'leaked', now);
    await db.updateTable('tokens').set({ last_active_at: start.getTime() + 5 * DAY }).where('id', '=', ids.laptop!).execute();
    await db.updateTable('tokens').set({ last_active_at: start.getTime() + 4 * DAY }).where('id', '=', ids.deploy!).execute();
    const otherOrg = await insertOrg(t, 'other');
    const stranger = await seedUser(t.app, otherOrg, { name: 'Alice Elsewhere' });
    foreignTokenId = (await seedToken(t.app, otherOrg, user(stranger.id), { label: 'alice foreign' })).token.id;
    // "now" 30 days after the start: "alice old" (expires day 20) is expired.
    now = new Date(start.getTime() + 30 * DAY);
  });
  afterAll(async () => t.close());

  it('lists every kind of token but revoked ones, newest first, with owners and statuses', async () => {
    const page = await list('');
    expect(page.data.map((i) => i.label)).toEqual(['ops key', 'alice laptop', '=deploy', 'bob ci', 'alice old', 'bootstrap admin key'].filter((l) => page.data.some((i) => i.label === l)));
    const byLabel = Object.fromEntries(page.data.map((item) => [item.label, item])) as Record<string, OrgTokenJson>;
    expect(byLabel['alice laptop']).toMatchObject({ ownerKind: 'user', status: 'active', owner: { kind: 'user', name: 'Alice Example', email: 'alice@acme.test' } });
    expect(byLabel['=deploy']).toMatchObject({ ownerKind: 'service-account', owner: { kind: 'service-account', name: 'Deploy Bot', isDeleted: false } });
    expect(byLabel['ops key']).toMatchObject({ ownerKind: 'admin-key', owner: null, scopes: ['read:tokens:admin'] });
    expect(byLabel['bob ci']?.status).toBe('suspended');
    expect(byLabel['alice old']?.status).toBe('expired');
    expect(page.data.some((i) => i.ownerKind === 'admin-key' && i.label !== 'ops key')).toBe(true);
    expect(JSON.stringify(page)).not.toMatch(/digest|search_text/);
  });

  it('filters by status, owner kind, text, scope, use and idleness', async () => {
    expect(await labels('status=revoked')).toEqual(['bob revoked']);
    expect(await labels('status=expired,suspended')).toEqual(['bob ci', 'alice old']);
    expect(await labels('ownerKind=service-account')).toEqual(['=deploy']);
    expect(await labels('ownerKind=user&q=ALICE')).toEqual(['alice laptop', 'alice old']);
    expect(await labels('q=bob&status=active,suspended,expired,revoked')).toEqual(['bob revoked', 'bob ci']);
    expect(await labels('scope=write:jira-work')).toEqual(['=deploy', 'bob ci']);
    expect(await labels('scope=write:jira')).toEqual([]);
    expect(await labels(`ownerId=${ownerIds.bob}&status=active,suspended,expired,revoked`)).toEqual(['bob revoked', 'bob ci']);
    expect(await labels(`ownerId=${ownerIds.bot}`)).toEqual(['=deploy']);
    // The admin key making these calls is itself in use (its calls are recorded): people's and machines' tokens only.
    expect(await labels('neverUsed=false&ownerKind=user,service-account')).toEqual(['alice laptop', '=deploy']);
    expect(await labels('neverUsed=true&ownerKind=user')).toEqual(['bob ci', 'alice old']);
    // Day 30: idle over 25 days = last used (or created) before day 5.
    expect(await labels('idleDays=25&ownerKind=user,service-account')).toEqual(['=deploy', 'bob ci', 'alice old']);
  });

  it('filters by date windows on creation, last use and expiry', async () => {
    expect(await labels('createdAtSearchType=range&createdAtFrom=2026-06-03&createdAtTo=2026-06-05&status=active,suspended,expired,revoked')).toEqual(['=deploy', 'bob revoked', 'bob ci']);
    expect(await labels('lastActiveAtSearchType=lt&lastActiveAtUom=day&lastActiveAtValue=30&ownerKind=user,service-account')).toEqual(['alice laptop', '=deploy']);
    // Expiring within 90 days of day 30 (already expired ones included), soonest first.
    expect(await labels('expiresAtSearchType=lt&expiresAtUom=day&expiresAtValue=90&sort=%2BexpiresAt')).toEqual(['alice old', 'alice laptop']);
    expect(await labels('expiresAtSearchType=lt&expiresAtUom=day&expiresAtValue=90&status=active')).toEqual(['alice laptop']);
  });

  it('walks every sort forwards and back across kinds with keyset cursors', async () => {
    // The calling admin key's own use moves it in the last-activity order when its usage is
    // flushed: settle it at the test clock's "now" first, so no flush reorders the list mid-walk.
    await list('pageSize=1');
    await t.app.core.services.usageRecorder.flush();
    // "status=active" also bounds the expiry sort key at now (src/store/org-token-store.ts): the walk
    // must be the same set as the active ones of the unfiltered list.
    const everyStatus = (await list('status=active,suspended,expired,revoked&pageSize=1000')).data;
    expect((await list('status=active&sort=%2BexpiresAt&pageSize=1000')).data.map((i) => i.id).sort()).toEqual(everyStatus.filter((i) => i.status === 'active').map((i) => i.id).sort());
    for (const [filter, sort] of [...['-createdAt', '+createdAt', '-lastActiveAt', '+lastActiveAt', '+expiresAt', '-expiresAt', '+label', '-label'].map((s) => ['', s]), ['status=active&', '+expiresAt'], ['status=active&', '-expiresAt']] as Array<[string, string]>) {
      const all = (await list(`${filter}sort=${encodeURIComponent(sort)}&pageSize=1000`)).data.map((i) => i.id);
      const walked: string[] = [];
      let page = await list(`${filter}sort=${encodeURIComponent(sort)}&pageSize=2`);
      const pages: OrgTokenListResponse[] = [page];
      walked.push(...page.data.map((i) => i.id));
      while (page.links.next) {
        page = await list(`${filter}sort=${encodeURIComponent(sort)}&pageSize=2&cursor=${encodeURIComponent(page.links.next)}`);
        pages.push(page);
        walked.push(...page.data.map((i) => i.id));
      }
      expect(walked, sort).toEqual(all);
      // Back from the last page gives the page before it.
      if (pages.length > 1) {
        const back = await list(`${filter}sort=${encodeURIComponent(sort)}&pageSize=2&cursor=${encodeURIComponent(page.links.prev!)}`);
        expect(back.data.map((i) => i.id), sort).toEqual(pages[pages.length - 2]!.data.map((i) => i.id));
      }
    }
  });

  it('walks a text search across kinds, read once through the trigram index, as each kind alone finds it', async () => {
    await list('pageSize=1');
    await t.app.core.services.usageRecorder.flush();
    const kindsFound = new Set<string>();
    for (const q of ['acme', 'key', 'test', 'alice']) {
      for (const sort of ['-createdAt', '+label', '-lastActiveAt', '+expiresAt']) {
        const query = `q=${q}&status=active,suspended,expired,revoked&sort=${encodeURIComponent(sort)}`;
        const found = (await list(`${query}&pageSize=1000`)).data;
        for (const item of found) kindsFound.add(item.ownerKind);
        const all = found.map((i) => i.id);
        // Each owner kind alone is read by its own member: the same tokens.
        const byKind = [];
        for (const ownerKind of ['user', 'service-account', 'admin-key']) byKind.push(...(await list(`${query}&ownerKind=${ownerKind}&pageSize=1000`)).data.map((i) => i.id));
        expect([...all].sort(), `${q} ${sort}`).toEqual(byKind.sort());
        const walked: string[] = [];
        let page = await list(`${query}&pageSize=2`);
        walked.push(...page.data.map((i) => i.id));
        while (page.links.next) {
          page = await list(`${query}&pageSize=2&cursor=${encodeURIComponent(page.links.next)}`);
          walked.push(...page.data.map((i) => i.id));
        }
        expect(walked, `${q} ${sort}`).toEqual(all);
      }
    }
    // The searches above reach more than one kind between them.
    expect(kindsFound.size).toBeGreaterThan(1);
  });

  it('refuses a cursor replayed with other filters', async () => {
    const page = await list('pageSize=1');
    const response = await get(`${base}?pageSize=1&q=alice&cursor=${encodeURIComponent(page.links.next!)}`);
    expect(response.statusCode).toBe(400);
  });

  it('counts by status and owner kind, with the other filters', async () => {
    const response = await get(`${base}/counts`);
    expect(response.statusCode).toBe(200);
    const counts = response.json() as OrgTokenCountsResponse;
    expect(counts.byStatus).toEqual({ active: counts.byOwnerKind['admin-key'] + 2, suspended: 1, expired: 1, revoked: 1 });
    expect(counts.byOwnerKind.user).toBe(4);
    expect(counts.byOwnerKind['service-account']).toBe(1);
    expect(counts.total).toBe(counts.cells.reduce((sum, cell) => sum + cell.count, 0));
    const alice = (await get(`${base}/counts?q=alice`)).json() as OrgTokenCountsResponse;
    expect(alice).toMatchObject({ total: 2, byStatus: { active: 1, expired: 1, suspended: 0, revoked: 0 }, byOwnerKind: { user: 2 } });
  });

  it('gives one token with its owner, revoked ones too, and 404 for unknown or foreign ids', async () => {
    const laptop = await get(`${base}/${ids.laptop}`);
    expect(laptop.statusCode).toBe(200);
    expect(laptop.json()).toMatchObject({ id: ids.laptop, owner: { name: 'Alice Example' }, status: 'active', lastActiveAt: '2026-06-06T00:00:00.000Z' });
    expect((await get(`${base}/${ids.gone}`)).json()).toMatchObject({ status: 'revoked', revokedReason: 'leaked' });
    for (const id of ['tok_unknown', foreignTokenId]) {
      const response = await get(`${base}/${id}`);
      expect(response.statusCode).toBe(404);
      expectErrorBody(response.json(), 404, 'TOKEN_NOT_FOUND');
    }
  });

  it('exports the filtered list as CSV, with formula cells defused', async () => {
    const response = await get(`${base}/export.csv?ownerKind=user,service-account&sort=%2Blabel`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="tokens-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('id,label,ownerKind,ownerName,ownerEmail,status,displayPrefix,scopes,createdAt,expiresAt,lastActiveAt,revokedAt,callsLast30Days,lastIp,governingPolicy,source,externalId,purpose,tags,sourceType');
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(["'=deploy", 'alice laptop', 'alice old', 'bob ci']);
    expect(response.body).toContain('read:jira-work write:jira-work');
  });

  it('answers bad filters with 400 and the error body', async () => {
    for (const query of ['status=gone', 'ownerKind=robot', 'idleDays=0', 'idleDays=abc', 'neverUsed=maybe', 'sort=owner', 'cursor=garbage', 'createdAtSearchType=between', `q=${'x'.repeat(201)}`]) {
      for (const path of [base, `${base}/export.csv`]) {
        if (path.endsWith('.csv') && query.startsWith('cursor')) continue;
        const response = await get(`${path}?${query}`);
        expect(response.statusCode, `${path}?${query}`).toBe(400);
        expectErrorBody(response.json(), 400, response.json().errors[0].title);
      }
    }
  });

  it('words each bad filter for the admin, on the list, the counts and the export alike', async () => {
    const cases: Array<[string, string]> = [
      ['status=gone', 'status must be one or more of active, suspended, expired, revoked (comma-separated).'],
      ['idleDays=abc', 'idleDays must be an integer from 1 to 100000.'],
      ['idleDays=%20', 'idleDays must be an integer from 1 to 100000.'],
      ['hasPurpose=maybe', 'hasPurpose must be true or false.'],
      ['createdAtSearchType=gt&createdAtUom=day&createdAtValue=1.5', 'createdAtValue must be an integer from 0 to 100000.'],
    ];
    for (const [query, detail] of cases) {
      for (const path of [base, `${base}/counts`, `${base}/export.csv`]) {
        const response = await get(`${path}?${query}`);
        expect(response.statusCode, `${path}?${query}`).toBe(400);
        expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
        expect(response.json().errors[0].detail, `${path}?${query}`).toBe(detail);
      }
    }
    for (const query of ['pageSize=0', 'pageSize=ten', 'sort=owner']) {
      expect(((await get(`${base}?${query}`)).json() as { errors: Array<{ detail: string }> }).errors[0]!.detail, query).toMatch(/^(pageSize|sort) must be/);
    }
  });

  it('refuses a filter given twice with a 400 (the query schema takes each once), never a 500', async () => {
    for (const path of [base, `${base}/counts`, `${base}/export.csv`]) {
      const response = await get(`${path}?status=active&status=revoked`);
      expect(response.statusCode, path).toBe(400);
      expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    }
    // Empty values count as absent, as a form left blank sends them.
    expect(await labels('status=&ownerKind=&idleDays=&neverUsed=&scope=&sort=&pageSize=&cursor=')).toEqual(await labels(''));
  });

  it('needs read:tokens:admin', async () => {
    const narrow = await scopedKey(t, ['read:directory:admin']);
    for (const path of [base, `${base}/counts`, `${base}/export.csv`, `${base}/${ids.laptop}`]) {
      const response = await get(path, narrow);
      expect(response.statusCode, path).toBe(401);
      expect(response.json().errors[0].title).toBe('INSUFFICIENT_SCOPE');
    }
    expect((await get(base, await scopedKey(t, ['read:tokens:admin']))).statusCode).toBe(200);
  });
});

describe('org token inventory in the shared suites', () => {
  it('is walked by the security and fuzz suites (they read the OpenAPI document)', async () => {
    const t = await startTestApp('sqlite');
    try {
      const { adminOperations } = await import('../support/routes.js');
      const paths = adminOperations(t.app).map((o) => `${o.method} ${o.path}`);
      for (const path of ['', '/counts', '/export.csv', '/{tokenId}']) {
        expect(paths).toContain(`GET /admin/tokenward/v1/orgs/{orgId}/tokens${path}`);
      }
    } finally {
      await t.close();
    }
  });
});
