/**
 * SQLite's planner statistics: a Tokenward database gathers them itself, at start and as tables
 * grow. Without them, inventory queries at a million tokens walk the wrong index (the first page of
 * idle tokens took seconds). Real SQLite databases; the statistics are read from `sqlite_stat1`.
 */
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/app.js';
import { newOrgId } from '../../src/domain/ids.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { refreshPlannerStatistics } from '../../src/store/planner-statistics.js';
import type { Database } from '../../src/store/schema.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const INDEX = 'tokens_org_kind_created_idx';

async function addTokens(db: Kysely<Database>, orgId: string, from: number, to: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let start = from; start < to; start += 500) {
      const rows = [];
      for (let i = start; i < Math.min(to, start + 500); i++) {
        rows.push({
          id: `tok_${String(i).padStart(22, '0')}`, org_id: orgId, kind: 'admin_key', owner_user_id: null, owner_service_account_id: null,
          label: `key ${i}`, digest: String(i).padStart(64, '0'), previous_digest: String(i).padStart(64, '1'), display_prefix: 'twa_test', scopes: '[]', status: 'active',
          created_at: NOW - i, expires_at: null, expiry_passed: 0, last_active_at: null, created_by: null,
          revoked_at: null, revoked_by: null, revoked_reason: null, search_text: `key ${i}`,
        });
      }
      await trx.insertInto('tokens').values(rows).execute();
    }
  });
}

/** The statistics of the index of tokens by org, kind and creation: `rows rowsPerOrg ...`, or null. */
async function statisticsOf(db: Kysely<Database>): Promise<string | null> {
  const exists = await sql<{ n: number }>`select count(*) as n from sqlite_schema where name = 'sqlite_stat1'`.execute(db);
  if (exists.rows[0]!.n === 0) return null;
  const found = await sql<{ stat: string }>`select stat from sqlite_stat1 where idx = ${INDEX}`.execute(db);
  return found.rows[0]?.stat ?? null;
}

describe('planner statistics on sqlite', () => {
  let test: TestDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    await test?.drop();
    handle = undefined;
    test = undefined;
  });

  async function openOrg(): Promise<{ db: Kysely<Database>; orgId: string }> {
    test = await createTestDatabase('sqlite');
    handle = openDatabase({ dataDir: test.dataDir });
    await migrateToLatest(handle);
    const orgId = newOrgId();
    await handle.db.insertInto('organizations').values({ id: orgId, name: 'acme', created_at: NOW }).execute();
    return { db: handle.db, orgId };
  }

  it('analyzes a table once it has rows, again when it grows ten-fold, and not in between', async () => {
    const { db, orgId } = await openOrg();
    await refreshPlannerStatistics(db, 'sqlite');
    expect(await statisticsOf(db)).toBeNull(); // nothing to learn from an empty table

    await addTokens(db, orgId, 0, 500);
    await refreshPlannerStatistics(db, 'sqlite');
    expect(await statisticsOf(db)).toMatch(/^500 500 /);

    await addTokens(db, orgId, 500, 1000);
    await refreshPlannerStatistics(db, 'sqlite');
    expect(await statisticsOf(db)).toMatch(/^500 500 /); // doubled only: the old figures still plan well

    await addTokens(db, orgId, 1000, 6000);
    await refreshPlannerStatistics(db, 'sqlite');
    // Every row is read: a sampled analysis would count about 2,000 rows per org, close to the guess that
    // sends an org's queries down the wrong index.
    expect(await statisticsOf(db)).toMatch(/^6000 6000 /);
  });

  it('reaches the planner of the connection that serves queries', async () => {
    const { db, orgId } = await openOrg();
    await addTokens(db, orgId, 0, 3000);
    const plan = async () =>
      (await sql<{ detail: string }>`explain query plan select id from tokens where org_id = ${orgId} and kind = 'admin_key' and previous_digest = ${'1'.repeat(64)}`.execute(db)).rows
        .map((row) => row.detail)
        .join('\n');
    // Guessing, SQLite takes two equalities on an index of the org to select fewer rows than one
    // on the previous digest; the statistics say the org holds all 3,000 and a digest one.
    expect(await plan()).not.toMatch(/tokens_previous_digest_idx/);
    await refreshPlannerStatistics(db, 'sqlite');
    expect(await plan()).toMatch(/tokens_previous_digest_idx/);
  });

  it('analyzes one index at a time, letting the event loop turn between them', async () => {
    test = await createTestDatabase('sqlite');
    const events: string[] = [];
    handle = openDatabase({ dataDir: test.dataDir, log: (event) => event.level === 'query' && /^analyze /i.test(event.query.sql) && events.push('analyze') });
    await migrateToLatest(handle);
    const orgId = newOrgId();
    await handle.db.insertInto('organizations').values({ id: orgId, name: 'acme', created_at: NOW }).execute();
    await addTokens(handle.db, orgId, 0, 500);
    // A request arriving meanwhile: each turn of the loop it gets is a mark between the analyses.
    let isRefreshing = true;
    const request = () => {
      events.push('turn');
      if (isRefreshing) setImmediate(request);
    };
    setImmediate(request);
    await refreshPlannerStatistics(handle.db, 'sqlite');
    isRefreshing = false;
    const analyses = events.filter((event) => event === 'analyze').length;
    expect(analyses).toBeGreaterThan(10); // the tokens' indexes, one by one
    expect(events.join(' ')).not.toMatch(/analyze analyze/);
  });

  it('a server started on a database without statistics gathers them before it serves', async () => {
    const { db, orgId } = await openOrg();
    await addTokens(db, orgId, 0, 3000);
    expect(await statisticsOf(db)).toBeNull();
    await handle!.close();
    handle = undefined;

    const core = await createCore({ config: testConfig(test!) });
    try {
      expect(await statisticsOf(core.database.db)).toMatch(/^3000 3000 /);
    } finally {
      await core.close();
    }
  });
});
