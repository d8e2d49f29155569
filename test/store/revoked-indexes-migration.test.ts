/**
 * PostgreSQL's migration that keeps revoked tokens out of most indexes, both ways on a database
 * that holds tokens: down gives the indexes back every token, up takes the revoked ones out again
 * and gives them their own index; the same text search finds the same tokens throughout.
 */
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import { INVENTORY_KINDS } from '../../src/domain/org-token-query.js';
import { migrationsFor } from '../../src/store/migrations/index.js';
import { createOrgTokenStore, type OrgTokenSearch } from '../../src/store/org-token-store.js';
import type { Database } from '../../src/store/schema.js';
import { openMigratedTestDatabase } from '../support/databases.js';

const MIGRATION = '0027_revoked_rows_out_of_search_index';
const UNREVOKED_ONLY = ['tokens_search_trgm_idx', 'tokens_inv_label_idx', 'tokens_inv_expires_idx', 'tokens_inv_last_active_idx'];

describe('revoked tokens out of most indexes, on postgres', () => {
  let opened: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  const orgId = newOrgId();

  beforeAll(async () => {
    opened = await openMigratedTestDatabase('postgres');
    const db = opened.handle.db as unknown as Kysely<any>;
    await db.insertInto('organizations').values({ id: orgId, name: 'o', created_at: 1 }).execute();
    const token = { org_id: orgId, kind: 'admin_key', display_prefix: 'twa_x', scopes: '[]', created_at: 1 };
    await db
      .insertInto('tokens')
      .values(['active', 'suspended', 'revoked'].map((status, i) => ({ ...token, id: `tok_${i}`, label: `deploy ${status}`, digest: `d${i}`, status, search_text: `deploy ${status}` })))
      .execute();
  });
  afterAll(async () => opened?.close());

  /** Each index of the tokens table and the condition of its rows ('' when it holds every row). */
  async function indexConditions(): Promise<Map<string, string>> {
    const rows = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where tablename = 'tokens'`.execute(opened.handle.db);
    return new Map(rows.rows.map((row) => [row.indexname, /WHERE (.*)$/.exec(row.indexdef)?.[1] ?? '']));
  }

  async function found(): Promise<string[]> {
    const search: OrgTokenSearch = {
      orgId, kinds: INVENTORY_KINDS, statuses: ['active', 'expired', 'suspended', 'revoked'], q: 'deploy', dates: {}, scope: null, neverUsed: null,
      idleSinceMs: null, ownerId: null, nowMs: 2, source: null, tag: null, hasPurpose: null,
    };
    const page = await createOrgTokenStore(opened.handle.db as Kysely<Database>, 'postgres').page(search, { field: 'label', descending: false }, null, 10);
    return page.items.map((item) => item.token.id);
  }

  it('goes down and up again, and the search finds every token either way', async () => {
    const migrator = new Migrator({ db: opened.handle.db, provider: { getMigrations: async () => migrationsFor('postgres') } });
    const after = await indexConditions();
    for (const name of UNREVOKED_ONLY) expect(after.get(name), name).toContain("<> 'revoked'");
    expect(after.get('tokens_revoked_created_idx')).toContain("= 'revoked'");
    expect(after.get('tokens_owner_sa_idx')).toContain('IS NOT NULL');
    const all = ['tok_0', 'tok_2', 'tok_1'];
    expect(await found()).toEqual(all);

    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    expect(down.results?.[0]?.migrationName).toBe(MIGRATION);
    const before = await indexConditions();
    for (const name of UNREVOKED_ONLY) expect(before.get(name), name).toBe('');
    expect(before.has('tokens_revoked_created_idx')).toBe(false);
    expect(before.get('tokens_owner_sa_idx')).toBe('');
    expect(await found()).toEqual(all);

    expect((await migrator.migrateUp()).error).toBeUndefined();
    expect(await indexConditions()).toEqual(after);
    const options = await sql<{ reloptions: string[] | null }>`select reloptions from pg_class where relname = 'tokens'`.execute(opened.handle.db);
    expect(options.rows[0]?.reloptions).toContain('autovacuum_vacuum_scale_factor=0.05');
    expect(await found()).toEqual(all);
  });
});
