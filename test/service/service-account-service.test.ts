import type { LogEvent } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveCursorKey } from '../../src/domain/cursor.js';
import { newId, newOrgId } from '../../src/domain/ids.js';
import { tokenUnusableReason } from '../../src/domain/models.js';
import type { ServiceAccount } from '../../src/domain/models.js';
import { createServiceAccountService, type ServiceAccountService } from '../../src/service/service-account-service.js';
import { createTokenService } from '../../src/service/token-service.js';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { createServiceAccountTokenQueries } from '../../src/store/service-account-token-queries.js';
import { createStores } from '../../src/store/stores.js';
import { DIALECTS, openMigratedTestDatabase } from '../support/databases.js';

const pepper = Buffer.from('p'.repeat(32));
const actor = { actorType: 'system' as const, actorId: 'test', ip: null };

describe.each(DIALECTS)('service-account service on %s', (dialect) => {
  let handle: DatabaseHandle;
  let logged: DatabaseHandle;
  let close: () => Promise<void>;
  let service: ServiceAccountService;
  let queries: string[] = [];
  let ms = Date.parse('2026-01-01T00:00:00.000Z');
  const clock = () => new Date(ms);
  const orgId = newOrgId();
  const otherOrgId = newOrgId();

  beforeAll(async () => {
    const opened = await openMigratedTestDatabase(dialect);
    handle = opened.handle;
    // A second handle on the same database, logging every statement, to count queries.
    logged = openDatabase({
      databaseUrl: opened.test.databaseUrl,
      dataDir: opened.test.dataDir,
      log: (event: LogEvent) => {
        if (event.level === 'query') queries.push(event.query.sql);
      },
    });
    close = async () => {
      await logged.close();
      await opened.close();
    };
    const stores = createStores(handle.db);
    for (const id of [orgId, otherOrgId]) await stores.organizations.insert({ id, name: id.slice(0, 8), createdAt: clock() });
    service = createServiceAccountService({ db: logged.db, clock, cursorKey: deriveCursorKey(pepper) });
  });
  afterAll(async () => close());

  it('pages forward and back by keyset, with the total, and skips deleted accounts', async () => {
    const created: ServiceAccount[] = [];
    for (let i = 0; i < 7; i++) {
      ms += i % 2; // pairs share a created_at, so the id breaks ties
      created.push(await service.create(orgId, { displayName: `bot ${i}` }, actor));
    }
    await service.create(otherOrgId, { displayName: 'elsewhere' }, actor);
    await service.delete(orgId, created[6]!.id, actor);
    // Ties on created_at are broken by id in the database's collation, so read the order from one big page.
    const expected = (await service.list(orgId, { pageSize: 1000 })).items.map((a) => a.id);
    expect([...expected].sort()).toEqual(created.slice(0, 6).map((a) => a.id).sort());
    expect(expected[0]).toBe(created[0]!.id); // the only one at the earliest time

    const p1 = await service.list(orgId, { pageSize: 4 });
    expect(p1.items.map((a) => a.id)).toEqual(expected.slice(0, 4));
    expect(p1).toMatchObject({ total: 6, prev: null });
    const p2 = await service.list(orgId, { pageSize: 4, cursor: p1.next! });
    expect(p2.items.map((a) => a.id)).toEqual(expected.slice(4));
    expect(p2.next).toBeNull();
    const back = await service.list(orgId, { pageSize: 4, cursor: p2.prev! });
    expect(back.items.map((a) => a.id)).toEqual(expected.slice(0, 4));
    expect(back.prev).toBeNull();
    expect(back.next).not.toBeNull();
  });

  it('counts tokens of many accounts in a fixed number of queries, and revokes them all', async () => {
    const tokens = createTokenService({ db: handle.db, pepper, clock });
    const accounts: ServiceAccount[] = [];
    for (let i = 0; i < 5; i++) accounts.push(await service.create(orgId, { displayName: `counted ${i}` }, actor));
    const issued: Array<Awaited<ReturnType<typeof tokens.issueOwnedToken>>> = [];
    for (const [i, account] of accounts.entries()) {
      for (let n = 0; n < i; n++) {
        issued.push(await tokens.issueOwnedToken({ orgId, owner: { type: 'service_account', id: account.id }, label: `t${n}`, scopes: [], createdBy: null, audit: actor }));
      }
    }
    const ids = [...accounts.map((a) => a.id), 'nope', accounts[0]!.id];
    queries = [];
    const counts = await service.countTokens(orgId, ids);
    expect(queries).toHaveLength(2);
    expect(counts.valid).toEqual(accounts.map((a, i) => ({ serviceAccountId: a.id, credentialsCount: i })));
    expect(counts.invalid).toEqual(['nope']);

    queries = [];
    const listed = await service.listTokens(orgId, {});
    expect(queries).toHaveLength(1);
    expect(listed.length).toBeGreaterThanOrEqual(10);

    expect(await service.revokeTokens(orgId, accounts[4]!.id, actor)).toEqual({ revokedTokens: 4 });
    const stores = createStores(handle.db);
    for (const { token } of issued.filter((t) => t.token.owner?.id === accounts[4]!.id)) {
      const stored = await stores.tokens.findById(orgId, token.id);
      expect(stored?.status).toBe('revoked');
      expect(tokenUnusableReason(stored!, clock())).toBe('REVOKED');
    }
    expect((await service.countTokens(orgId, [accounts[4]!.id])).valid).toEqual([{ serviceAccountId: accounts[4]!.id, credentialsCount: 0 }]);
  });

  it('matches label filters literally, ignoring ASCII case', async () => {
    const q = createServiceAccountTokenQueries(handle.db);
    const tokens = createTokenService({ db: handle.db, pepper, clock });
    const account = await service.create(orgId, { displayName: 'labels' }, actor);
    for (const label of ['Deploy_Prod', 'deployXprod', '100% ok', 'other']) {
      await tokens.issueOwnedToken({ orgId, owner: { type: 'service_account', id: account.id }, label, scopes: [], createdBy: null, audit: actor });
    }
    const labels = async (text: string) => (await q.listUnrevoked(orgId, { serviceAccountId: account.id, labelContains: text })).map((r) => r.token.label).sort(); // same created_at: order by id is random
    expect(await labels('deploy_')).toEqual(['Deploy_Prod']);
    expect(await labels('DEPLOY')).toEqual(['Deploy_Prod', 'deployXprod'].sort());
    expect(await labels('0%')).toEqual(['100% ok']);
    expect(await labels('zzz')).toEqual([]);
  });

  it('refuses an unknown or foreign account with SERVICE_ACCOUNT_NOT_FOUND', async () => {
    const foreign = await service.create(otherOrgId, { displayName: 'foreign' }, actor);
    for (const id of [newId('sa'), foreign.id]) {
      await expect(service.revokeTokens(orgId, id, actor)).rejects.toMatchObject({ code: 'SERVICE_ACCOUNT_NOT_FOUND' });
      await expect(service.delete(orgId, id, actor)).rejects.toMatchObject({ code: 'SERVICE_ACCOUNT_NOT_FOUND' });
      await expect(service.update(orgId, { id, displayName: 'x' }, actor)).rejects.toMatchObject({ code: 'SERVICE_ACCOUNT_NOT_FOUND' });
    }
  });
});
