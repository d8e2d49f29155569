/**
 * Look-ups by a list of ids within an org find the ids by primary key on SQLite. Without
 * statistics, SQLite plans `org_id = ? and id in (...)` of ten ids or more on an index of the org
 * and reads every row of the org (a page's 100 tokens in an org of 200,000: about 100 ms against
 * 2-7). Each store call below runs on a real database with a query log; every statement it ran is
 * planned again with `explain query plan`, and none may read a table through its org alone.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { createExternalTokenStore } from '../../src/store/external-token-store.js';
import { createHygieneQueries } from '../../src/store/hygiene-queries.js';
import { createInventoryActivity } from '../../src/store/inventory-activity.js';
import { createNameLookup } from '../../src/store/name-lookup.js';
import type { Database } from '../../src/store/schema.js';
import { createTokenSearchStore } from '../../src/store/token-search-store.js';
import { createTokenStore } from '../../src/store/token-store.js';
import { createUserStore } from '../../src/store/user-store.js';
import { createVerificationQueries } from '../../src/store/verification-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

const ids = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}_${String(i).padStart(22, '0')}`);

describe('look-ups by a list of ids, on sqlite', () => {
  let test: TestDatabase;
  let handle: DatabaseHandle;
  const ran: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const orgId = newOrgId();

  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
    handle = openDatabase({
      dataDir: test.dataDir,
      log: (event) => {
        if (event.level === 'query') ran.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    await migrateToLatest(handle);
  });
  afterAll(async () => {
    await handle?.close();
    await test?.drop();
  });

  /** The plan of every statement `work` ran: one line per step. */
  async function plansOf(work: (db: Kysely<Database>) => Promise<unknown>): Promise<string[][]> {
    ran.length = 0;
    await work(handle.db);
    const statements = ran.splice(0);
    const plans: string[][] = [];
    for (const statement of statements) {
      const plan = await sql<{ detail: string }>`explain query plan ${withParameters(statement.sql, statement.parameters)}`.execute(handle.db);
      plans.push(plan.rows.map((row) => row.detail));
    }
    expect(plans.length).toBeGreaterThan(0);
    return plans;
  }

  const calls: Array<[string, (db: Kysely<Database>) => Promise<unknown>]> = [
    ['tokens by id', (db) => createTokenStore(db).findByIds(orgId, ids('tok'))],
    ['tokens revoked by id', (db) => db.transaction().execute((trx) => createTokenStore(trx).revokeMany(orgId, ids('tok'), null, 'test', new Date()))],
    ['tokens of the hygiene jobs', (db) => createHygieneQueries(db).tokensByIds(orgId, ids('tok'))],
    ['tokens of the verifier', (db) => createVerificationQueries(db).tokenIdsOfOrg(orgId, ids('tok'))],
    ['activity columns of a page', (db) => createInventoryActivity(db).ofTokens(orgId, ids('tok'), 0)],
    ['names on a page', (db) => createNameLookup(db).namesOf(orgId, [...ids('tok'), ...ids('usr'), ...ids('sa'), ...ids('ses')])],
    ['people by id', (db) => createUserStore(db).findByIds(orgId, ids('usr'))],
    ["connected systems' tokens by id", (db) => createExternalTokenStore(db).findMany(orgId, ids('ext'))],
    ['a bulk revoke batch', (db) => db.transaction().execute((trx) => createTokenSearchStore(trx, 'sqlite').revokeNextManagedUserTokens(orgId, null, null, 1000, null, 'test', new Date()))],
  ];

  it.each(calls)('%s: by primary key, never every row of the org', async (_what, work) => {
    for (const plan of await plansOf(work)) {
      // An index entered by the org alone is the whole org read.
      for (const step of plan) expect(step).not.toMatch(/USING (COVERING )?INDEX \w+ \(org_id=\?\)/);
    }
  });
});

/** A logged statement with its parameters bound again, each `?` in turn. */
function withParameters(text: string, parameters: readonly unknown[]): RawBuilder<unknown> {
  const parts = text.split('?');
  return sql.join(
    parts.map((part, i) => (i < parts.length - 1 ? sql`${sql.raw(part)}${parameters[i]}` : sql.raw(part))),
    sql``,
  );
}
