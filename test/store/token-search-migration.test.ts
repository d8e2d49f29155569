/**
 * Migration 0002 on a database that already holds tokens: the search column is backfilled and the
 * trigram index answers for the old rows and for rows written afterwards.
 */
import { Migrator, sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import { migrateToLatest, openDatabase } from '../../src/store/db.js';
import { migrationsFor } from '../../src/store/migrations/index.js';
import { createTokenSearchStore } from '../../src/store/token-search-store.js';
import { createTestDatabase, DIALECTS } from '../support/databases.js';

describe.each(DIALECTS)('migration 0002 on %s', (dialect) => {
  it('backfills search_text of existing tokens and finds them by owner and label', async () => {
    const test = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: test.databaseUrl, dataDir: test.dataDir });
    try {
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrationsFor(dialect) } });
      const first = await migrator.migrateTo('0001_initial');
      expect(first.error).toBeUndefined();
      const db = handle.db as unknown as Kysely<any>;
      const orgId = newOrgId();
      await db.insertInto('organizations').values({ id: orgId, name: 'o', created_at: 1 }).execute();
      await db
        .insertInto('users')
        .values({ id: 'usr_1', org_id: orgId, email: 'Grace@Example.com', email_lower: 'grace@example.com', name: 'Grace Hopper', role: 'member', account_type: 'managed', status: 'active', created_at: 1, updated_at: 1 })
        .execute();
      const token = { org_id: orgId, kind: 'user', owner_user_id: 'usr_1', display_prefix: 'twu_x', scopes: '[]', status: 'active', created_at: 1 };
      await db.insertInto('tokens').values({ ...token, id: 'tok_1', label: 'Deploy Bot', digest: 'd1' }).execute();

      await migrateToLatest(handle);
      const row = await db.selectFrom('tokens').select('search_text').where('id', '=', 'tok_1').executeTakeFirstOrThrow();
      expect(row.search_text).toBe('deploy bot\ngrace hopper\ngrace@example.com');

      // A row written after the migration is indexed too (SQLite: by the FTS triggers).
      await db.insertInto('tokens').values({ ...token, id: 'tok_2', label: 'other', digest: 'd2', search_text: 'other\nada\nada@x' }).execute();
      const search = createTokenSearchStore(handle.db, dialect);
      const base = { orgId, kind: 'user' as const, status: null, keyType: null, dates: {}, nowMs: 2 };
      expect(await search.count({ ...base, q: 'hopper' })).toBe(1);
      expect(await search.count({ ...base, q: 'deploy bot' })).toBe(1);
      expect(await search.count({ ...base, q: 'ada@' })).toBe(1);
      expect(await search.count({ ...base, q: 'ot' })).toBe(2);
      if (dialect === 'sqlite') {
        await db.deleteFrom('tokens').where('id', '=', 'tok_2').execute();
        const fts = await sql<{ n: number }>`select count(*) as n from tokens_fts where tokens_fts match '"ada@"'`.execute(db);
        expect(fts.rows[0]?.n).toBe(0);
      }
    } finally {
      await handle.close();
      await test.drop();
    }
  });
});
