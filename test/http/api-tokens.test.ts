/** T1-T3: search, count and bulk revoke of the org's user API tokens, on both dialects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import { tokenUnusableReason, type User } from '../../src/domain/models.js';
import { digestToken } from '../../src/domain/token-digest.js';
import { parseInventoryQuery, USER_TOKEN_FILTERS } from '../../src/domain/token-query.js';
import { createTokenChangeBus } from '../../src/service/token-change-bus.js';
import { createTokenInventoryService } from '../../src/service/token-inventory-service.js';
import { openDatabase } from '../../src/store/db.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/errors.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00.000Z');

interface Seeded {
  id: string;
  secret: string;
  label: string;
  owner: User;
  createdAt: number;
  expiresAt: number;
  lastActiveAt: number | null;
  status: 'ALLOWED' | 'BLOCKED';
}

type Item = { id: string; label: string; status: string; createdAt: string; expiresAt: string | null; lastActiveAt: string | null; user: { id: string } };
type Page = { data: Item[]; links: { self: string; next: string | null; prev: string | null } };

describe.each(DIALECTS)('user API token inventory on %s', (dialect) => {
  let t: TestApp;
  let now = NOW;
  const seeded: Seeded[] = [];
  let alice: User;
  let bob: User;
  let carol: User;
  let url: string;

  const get = async (query: string, key = t.adminKey) => t.app.http.inject({ url: `${url}${query}`, headers: bearer(key) });
  const list = async (query: string): Promise<Page> => {
    const response = await get(query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };
  const count = async (query: string): Promise<number> => {
    const response = await get(`/count${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as number;
  };
  const ids = (where: (s: Seeded) => boolean) => seeded.filter(where).map((s) => s.id).sort();
  const sortedIds = (page: Page) => page.data.map((i) => i.id).sort();

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => now });
    url = `/admin/api-access/v1/orgs/${t.orgId}/api-tokens`;
    alice = await seedUser(t.app, t.orgId, { name: 'Alice Anders', email: 'alice@acme.test' });
    bob = await seedUser(t.app, t.orgId, { name: 'Bob Brown', email: 'bob@example.org' });
    carol = await seedUser(t.app, t.orgId, { name: 'Carol Çelik', email: 'carol@acme.test', accountType: 'external' });
    const db = t.app.core.database.db;
    const owners = [alice, bob, carol];
    for (let i = 0; i < 18; i++) {
      // Creation times two days apart, two tokens per instant now and then to exercise the id tie-break.
      const createdAt = NOW.getTime() - Math.floor(i / 3) * 3 * DAY - (i % 3 === 2 ? 0 : (i % 3) * DAY);
      now = new Date(createdAt);
      const owner = owners[i % 3]!;
      const label = i === 4 ? 'Deploy 100% bot' : `token ${String.fromCharCode(97 + ((i * 7) % 26))}${i}`;
      const expiresAt = i === 5 ? createdAt + DAY : createdAt + 300 * DAY; // token 5 has expired by NOW
      const issued = await seedToken(t.app, t.orgId, { type: 'user', id: owner.id }, { label, expiresAt: new Date(expiresAt) });
      const lastActiveAt = i % 4 === 0 ? null : NOW.getTime() - i * 7 * DAY;
      await db.updateTable('tokens').set({ last_active_at: lastActiveAt }).where('id', '=', issued.token.id).execute();
      seeded.push({ id: issued.token.id, secret: issued.secret, label, owner, createdAt, expiresAt, lastActiveAt, status: 'ALLOWED' });
    }
    now = NOW;
    // Token 3 suspended; bob deactivated (his tokens are blocked); token 5 expired.
    await db.updateTable('tokens').set({ status: 'suspended' }).where('id', '=', seeded[3]!.id).execute();
    await db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', bob.id).execute();
    for (const s of seeded) if (s === seeded[3] || s === seeded[5] || s.owner === bob) s.status = 'BLOCKED';
    // Never listed: a revoked token, a service account's token, tokens of another org.
    const revoked = await seedToken(t.app, t.orgId, { type: 'user', id: alice.id }, { label: 'alice revoked' });
    await createStores(db).tokens.revoke(t.orgId, revoked.token.id, null, 'test', NOW);
    const bot = await seedServiceAccount(t.app, t.orgId, { displayName: 'Alice bot' });
    await seedToken(t.app, t.orgId, { type: 'service_account', id: bot.id }, { label: 'alice sa token' });
    const otherOrg = newOrgId();
    await createStores(db).organizations.insert({ id: otherOrg, name: 'other', createdAt: NOW });
    const stranger = await seedUser(t.app, otherOrg, { name: 'Alice Other' });
    await seedToken(t.app, otherOrg, { type: 'user', id: stranger.id }, { label: 'alice elsewhere' });
  });
  afterAll(async () => t?.close());

  it('lists every unrevoked user token of the org, newest first, in the contract shape', async () => {
    const page = await list('');
    expect(sortedIds(page)).toEqual(ids(() => true));
    const created = page.data.map((i) => Date.parse(i.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(page.links).toMatchObject({ next: null, prev: null, self: expect.any(String) });
    const first = seeded[1]!;
    expect(first.owner).toBe(bob);
    expect(page.data.find((i) => i.id === first.id)).toEqual({
      id: first.id,
      label: first.label,
      status: 'BLOCKED', // bob is deactivated
      createdAt: new Date(first.createdAt).toISOString(),
      expiresAt: new Date(first.expiresAt).toISOString(),
      lastActiveAt: new Date(first.lastActiveAt!).toISOString(),
      user: { id: bob.id, orgId: t.orgId, name: first.owner.name, email: first.owner.email },
      scopes: ['read:jira-work'],
    });
    expect(page.data.find((i) => i.id === seeded[0]!.id)?.lastActiveAt).toBeNull();
    expect(await count('')).toBe(18);
  });

  it('searches q over label, owner name and e-mail, case-insensitively and literally', async () => {
    const cases: Array<[string, (s: Seeded) => boolean]> = [
      ['ALICE', (s) => s.owner === alice],
      ['example.org', (s) => s.owner === bob],
      ['çelik', (s) => s.owner === carol],
      ['100%', (s) => s.label.includes('100%')],
      ['ob', (s) => s.owner === bob || s.label.includes('ob')],
      ['%', (s) => s.label.includes('%')],
      ['_', () => false],
      ['no such thing', () => false],
    ];
    for (const [q, where] of cases) {
      const query = `?q=${encodeURIComponent(q)}`;
      expect(sortedIds(await list(query)), q).toEqual(ids(where));
      expect(await count(query), q).toBe(ids(where).length);
    }
  });

  it('pages a q in the order, and with the owners, of the same listing without it', async () => {
    // Read through the trigram index, the matches are sorted and cut before their owners are joined.
    for (const sort of ['label', '-label', 'createdAt', '-createdAt', 'lastActiveAt', '-lastActiveAt']) {
      const unfiltered = (await list(`?pageSize=1000&sort=${sort}`)).data.filter((i) => i.user.id === alice.id || i.user.id === carol.id);
      const walked: Page['data'] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`?q=acme.test&pageSize=2&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        walked.push(...page.data);
        cursor = page.links.next;
      } while (cursor);
      expect(unfiltered.length).toBe(12);
      expect(walked, sort).toEqual(unfiltered);
    }
  });

  it('filters on status, in any case, and refuses another value', async () => {
    for (const status of ['allowed', 'BLOCKED', 'Allowed']) {
      const expected = ids((s) => s.status === status.toUpperCase());
      const page = await list(`?status=${status}`);
      expect(sortedIds(page), status).toEqual(expected);
      expect(page.data.every((i) => i.status === status.toUpperCase())).toBe(true);
      expect(await count(`?status=${status}`)).toBe(expected.length);
    }
    const bad = await get('?status=revoked');
    expect(bad.statusCode).toBe(400);
    expectErrorBody(bad.json(), 400, 'VALIDATION_FAILED');
  });

  it('filters on lastActiveAt and createdAt, never-used tokens matching gt only', async () => {
    const cutoff = NOW.getTime() - 30 * DAY;
    const cases: Array<[string, (s: Seeded) => boolean]> = [
      ['lastActiveAtSearchType=gt&lastActiveAtUom=days&lastActiveAtValue=30', (s) => s.lastActiveAt === null || s.lastActiveAt < cutoff],
      ['lastActiveAtSearchType=LT&lastActiveAtUom=Day&lastActiveAtValue=30', (s) => s.lastActiveAt !== null && s.lastActiveAt > cutoff],
      ['lastActiveAtSearchType=gt&lastActiveAtUom=week&lastActiveAtValue=1000', (s) => s.lastActiveAt === null],
      [
        'lastActiveAtSearchType=range&lastActiveAtUom=day&lastActiveAtRangeFrom=14&lastActiveAtRangeTo=49',
        (s) => s.lastActiveAt !== null && s.lastActiveAt >= NOW.getTime() - 49 * DAY && s.lastActiveAt <= NOW.getTime() - 14 * DAY,
      ],
      ['createdAtSearchType=lt&createdAtUom=day&createdAtValue=7', (s) => s.createdAt > NOW.getTime() - 7 * DAY],
      [
        'createdAtSearchType=range&createdAtFrom=2026-05-20&createdAtTo=2026-05-26T12:00:00Z',
        (s) => s.createdAt >= Date.parse('2026-05-20T00:00:00Z') && s.createdAt <= Date.parse('2026-05-26T12:00:00Z'),
      ],
      ['createdAtSearchType=range&createdAtTo=2026-05-20', (s) => s.createdAt < Date.parse('2026-05-21T00:00:00Z')],
    ];
    for (const [query, where] of cases) {
      const expected = ids(where);
      expect(sortedIds(await list(`?pageSize=1000&${query}`)), query).toEqual(expected);
      expect(await count(`?${query}`), query).toBe(expected.length);
    }
    const combined = `?q=alice&status=allowed&lastActiveAtSearchType=gt&lastActiveAtUom=day&lastActiveAtValue=30`;
    expect(sortedIds(await list(combined))).toEqual(ids((s) => s.owner === alice && s.status === 'ALLOWED' && (s.lastActiveAt === null || s.lastActiveAt < cutoff)));
  });

  it('refuses bad filters, page sizes and cursors with 400 and the error body', async () => {
    const bad = [
      '?lastActiveAtSearchType=gt&lastActiveAtUom=day',
      '?lastActiveAtSearchType=between',
      '?createdAtSearchType=range&createdAtFrom=yesterday',
      '?createdAtSearchType=gt&createdAtUom=fortnight&createdAtValue=1',
      '?sort=name',
      '?pageSize=0',
      '?pageSize=1.5',
      '?pageSize=ten',
    ];
    for (const query of bad) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    }
    expect((await get('/count?status=nope')).statusCode).toBe(400);
    // A filter given twice: the query schema takes each once, so a 400, never a 500.
    for (const query of ['?status=allowed&status=blocked', '/count?status=allowed&status=blocked', '?pageSize=2&pageSize=3']) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    }
    const page = await list('?pageSize=2');
    const next = page.links.next!;
    for (const query of [`?pageSize=2&sort=label&cursor=${next}`, `?pageSize=2&cursor=${next.slice(0, -1)}${next.endsWith('x') ? 'y' : 'x'}`, '?cursor=garbage']) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expectErrorBody(response.json(), 400, 'INVALID_PAGE_CURSOR');
    }
    // The same query with another page size, and the cursor passed back inside a URL, are fine.
    const viaUrl = await list(`?pageSize=3&cursor=${encodeURIComponent(`https://x.test${url}?pageSize=2&cursor=${next}`)}`);
    expect(viaUrl.data).toHaveLength(3);
    expect((await list('?pageSize=5000')).data).toHaveLength(18);
  });

  it('walks every row exactly once forwards and backwards, in each sort order', async () => {
    const keyOf: Record<string, (s: Seeded) => number | string> = {
      createdAt: (s) => s.createdAt,
      lastActiveAt: (s) => s.lastActiveAt ?? -1,
      expiresAt: (s) => s.expiresAt,
      label: (s) => s.label,
    };
    for (const field of Object.keys(keyOf)) {
      for (const sign of ['+', '-']) {
        const filter = field === 'label' ? '&status=allowed' : '';
        const query = `?sort=${encodeURIComponent(sign + field)}&pageSize=4${filter}`;
        const pages: Page[] = [await list(query)];
        while (pages.at(-1)!.links.next) pages.push(await list(`${query}&cursor=${pages.at(-1)!.links.next}`));
        const walked = pages.flatMap((p) => p.data.map((i) => i.id));
        const expected = seeded.filter((s) => !filter || s.status === 'ALLOWED');
        expect(new Set(walked).size, query).toBe(walked.length);
        expect([...walked].sort(), query).toEqual(expected.map((s) => s.id).sort());
        expect(walked.length).toBe(await count(filter ? `?${filter.slice(1)}` : ''));
        const keys = walked.map((id) => keyOf[field]!(seeded.find((s) => s.id === id)!));
        for (let i = 1; i < keys.length; i++) {
          const [a, b] = sign === '+' ? [keys[i - 1]!, keys[i]!] : [keys[i]!, keys[i - 1]!];
          if (typeof a === 'number') expect(a <= (b as number), `${query} at ${i}`).toBe(true);
        }
        expect(pages[0]!.links.prev).toBeNull();
        // Back from the last page with prev, page by page, to the first (whose prev is null).
        let back = pages.at(-1)!;
        for (let p = pages.length - 2; p >= 0; p--) {
          back = await list(`${query}&cursor=${back.links.prev}`);
          expect(back.data.map((i) => i.id), `${query} back to page ${p}`).toEqual(pages[p]!.data.map((i) => i.id));
        }
        expect(back.links.prev).toBeNull();
        // self re-reads its own page.
        const again = await list(`${query}&cursor=${pages[1]!.links.self}`);
        expect(again.data.map((i) => i.id)).toEqual(pages[1]!.data.map((i) => i.id));
      }
    }
  });

  it('refuses another org (403), a key without the scope (401) and no key (401)', async () => {
    const other = await t.app.http.inject({ url: `/admin/api-access/v1/orgs/${newOrgId()}/api-tokens`, headers: bearer(t.adminKey) });
    expect(other.statusCode).toBe(403);
    expectErrorBody(other.json(), 403, 'FORBIDDEN');
    const reader = await t.app.core.services.tokens.issueAdminKey({
      orgId: t.orgId,
      label: 'keys only',
      scopes: ['read:keys:admin'],
      createdBy: null,
      audit: { actorType: 'system', actorId: 'test', ip: null },
    });
    for (const [method, path] of [['GET', ''], ['GET', '/count'], ['DELETE', '']] as const) {
      const response = await t.app.http.inject({ method, url: `${url}${path}`, headers: bearer(reader.secret) });
      expect(response.statusCode, `${method} ${path}`).toBe(401);
      expectErrorBody(response.json(), 401, 'INSUFFICIENT_SCOPE');
    }
    expect((await t.app.http.inject({ url })).statusCode).toBe(401);
  });

  it('reads a page, owners included, in one query (no N+1)', async () => {
    let queries = 0;
    const handle = openDatabase({ databaseUrl: t.db.databaseUrl, dataDir: t.db.dataDir, log: () => void queries++ });
    try {
      const service = createTokenInventoryService({ db: handle.db, dialect, clock: () => NOW, cursorKey: Buffer.alloc(32) });
      const page = await service.searchUserTokens(t.orgId, parseInventoryQuery({ q: 'alice', status: 'allowed', sort: '-lastActiveAt', pageSize: 3 }, USER_TOKEN_FILTERS));
      expect(page.items.length).toBe(3);
      expect(page.items.every((i) => i.owner?.name === 'Alice Anders')).toBe(true);
      expect(queries).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('bulk-revokes every managed user token, ignoring any body, audited once', async () => {
    const response = await t.app.http.inject({
      method: 'DELETE',
      url,
      headers: { ...bearer(t.adminKey), 'content-type': 'application/json' },
      payload: '{"not json',
    });
    expect(response.statusCode, response.body).toBe(204);
    expect(response.body).toBe('');
    // Carol's account is external: her tokens are not the org's to revoke.
    expect(sortedIds(await list(''))).toEqual(ids((s) => s.owner === carol));
    const stores = createStores(t.app.core.database.db);
    for (const s of seeded.filter((x) => x.owner !== carol)) {
      const found = await stores.tokens.findByDigest(digestToken(t.app.core.pepper, s.secret));
      expect(tokenUnusableReason(found!.token, NOW)).toBe('REVOKED');
    }
    const audit = (await stores.audit.listRecent(t.orgId, 5)).filter((e) => e.action === 'token.bulk_revoked');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'admin_key', ip: '127.0.0.1', details: { count: 12 } });
  });

  it('revokes in batches, each resuming after the last, across batch boundaries, one notification and its events per batch', async () => {
    const bus = createTokenChangeBus();
    const notified: number[] = [];
    bus.subscribe((change) => {
      if (change.kind === 'tokens') notified.push(change.tokenIds.length);
    });
    const service = createTokenInventoryService({
      db: t.app.core.database.db,
      dialect,
      clock: () => NOW,
      cursorKey: Buffer.alloc(32),
      revokeBatchSize: 4,
      bus,
    });
    for (let i = 0; i < 9; i++) await seedToken(t.app, t.orgId, { type: 'user', id: alice.id }, { label: `batch ${i} \u2014 "ü" \\ ${'x'.repeat(i * 20)}` });
    const principal = { kind: 'admin_key' as const, tokenId: 'tok_test', orgId: t.orgId, scopes: [] };
    expect(await service.revokeAllUserTokens(principal, t.orgId, '10.0.0.1')).toBe(9);
    expect(await count('?q=batch')).toBe(0);
    expect(await service.revokeAllUserTokens(principal, t.orgId, '10.0.0.1')).toBe(0);
    const audit = (await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 5)).filter((e) => e.ip === '10.0.0.1');
    expect(audit.map((e) => e.details.count)).toEqual([0, 9]);
    // On PostgreSQL the batches of two ranges may end in either order.
    expect(notified.sort((a, b) => a - b)).toEqual([1, 4, 4]);
    const events = await createStores(t.app.core.database.db).events.listOfType(t.orgId, 'token.revoked', 100);
    const labels = events.map((e) => (e.payload as { token: { label: string } }).token.label).filter((label) => label.startsWith('batch '));
    // Quotes, a backslash, non-ASCII text and long labels come back as written, at the revoke's time.
    expect(labels.sort()).toEqual(Array.from({ length: 9 }, (_, i) => `batch ${i} \u2014 "ü" \\ ${'x'.repeat(i * 20)}`));
    expect(events.filter((e) => labels.includes((e.payload as { token: { label: string } }).token.label)).every((e) => e.occurredAt.getTime() === NOW.getTime())).toBe(true);
  });

  it('revokes each token once, on PostgreSQL in two ranges side by side', async () => {
    const bus = createTokenChangeBus();
    const notified: number[] = [];
    const revokedIds: string[] = [];
    bus.subscribe((change) => {
      if (change.kind !== 'tokens') return;
      notified.push(change.tokenIds.length);
      revokedIds.push(...change.tokenIds);
    });
    const service = createTokenInventoryService({ db: t.app.core.database.db, dialect, clock: () => NOW, cursorKey: Buffer.alloc(32), revokeBatchSize: 4, bus });
    const principal = { kind: 'admin_key' as const, tokenId: 'tok_test', orgId: t.orgId, scopes: [] };
    // Whatever earlier tests left unrevoked goes first, so the ranges hold exactly these twenty.
    await service.revokeAllUserTokens(principal, t.orgId, null);
    notified.length = 0;
    revokedIds.length = 0;
    const seededIds: string[] = [];
    for (let i = 0; i < 20; i++) seededIds.push((await seedToken(t.app, t.orgId, { type: 'user', id: alice.id }, { label: `range ${i}` })).token.id);
    expect(await service.revokeAllUserTokens(principal, t.orgId, '10.0.0.2')).toBe(20);
    expect(revokedIds.sort()).toEqual([...seededIds].sort());
    // Two ranges of 10 in batches of 4 end with two short batches; one range of 20 with none.
    expect(notified.sort((a, b) => a - b)).toEqual(dialect === 'postgres' ? [2, 2, 4, 4, 4, 4] : [4, 4, 4, 4, 4]);
    const events = await createStores(t.app.core.database.db).events.listOfType(t.orgId, 'token.revoked', 1000);
    const revokedInEvents = events.map((e) => (e.payload as { token: { id: string } }).token.id).filter((id) => seededIds.includes(id));
    expect(revokedInEvents.sort()).toEqual([...seededIds].sort());
    const audit = (await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 5)).filter((e) => e.ip === '10.0.0.2');
    expect(audit.map((e) => e.details.count)).toEqual([20]);
  });
});
