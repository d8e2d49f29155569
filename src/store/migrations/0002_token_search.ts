/**
 * Token inventory search at a million tokens. Frozen once shipped.
 *
 * - `tokens.search_text`: label + owner name + owner e-mail, lower-cased (domain `searchTextOf`),
 *   written by the token store on insert, so `q` reads one column of one table.
 * - Substring search: PostgreSQL `pg_trgm` GIN index (answers `LIKE '%q%'`); SQLite an FTS5 table
 *   with the `trigram` tokenizer over that column (external content, kept in step by triggers).
 *   Both need `q` of at least 3 characters; shorter ones scan the org's rows.
 * - Keyset indexes for each sort: `(org_id, kind, <sort key>, id)`, the sort key being the
 *   COALESCE the store orders by (constants of src/domain/token-query.ts), so a page is an index
 *   range read and never an OFFSET.
 *
 * SQLite's FTS table is keyed by the tokens table's implicit rowid. `VACUUM` may renumber rowids of
 * a table without an INTEGER PRIMARY KEY, so after a VACUUM run
 * `INSERT INTO tokens_fts(tokens_fts) VALUES('rebuild')` (docs/operations.md).
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../db.js';

// Copies of the domain constants, frozen here as a migration must not change with later code.
const NEVER_ACTIVE = -1;
const NEVER_EXPIRES = 8_640_000_000_000_000;
const NL = sql.lit('\n');

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('tokens').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  // Backfill with SQL lower(), which folds ASCII only on SQLite; tokens written later use the
  // application's full Unicode lower-casing.
  await sql`
    update tokens set search_text = lower(
      label
      || coalesce((select ${NL} || u.name || ${NL} || u.email from users u where u.id = tokens.owner_user_id), '')
      || coalesce((select ${NL} || s.display_name || ${NL} || s.email from service_accounts s where s.id = tokens.owner_service_account_id), '')
    )`
    .execute(db);

  // Trailing status, expiry and owner make it covering: counts by status and last activity (the
  // common dashboards) read the index alone.
  await sql`create index tokens_inv_last_active_idx on tokens (org_id, kind, (coalesce(last_active_at, ${sql.lit(NEVER_ACTIVE)})), id, status, expires_at, owner_user_id)`.execute(db);
  await sql`create index tokens_inv_expires_idx on tokens (org_id, kind, (coalesce(expires_at, ${sql.lit(NEVER_EXPIRES)})), id)`.execute(db);
  await db.schema.createIndex('tokens_inv_label_idx').on('tokens').columns(['org_id', 'kind', 'label', 'id']).execute();
  // The org's inactive users, whose tokens are BLOCKED.
  await db.schema.createIndex('users_org_status_idx').on('users').columns(['org_id', 'status']).execute();

  if (dialect === 'postgres') {
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index tokens_search_trgm_idx on tokens using gin (search_text gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`create virtual table tokens_fts using fts5(search_text, content='tokens', content_rowid='rowid', tokenize='trigram')`.execute(db);
  await sql`insert into tokens_fts(tokens_fts) values ('rebuild')`.execute(db);
  await sql`create trigger tokens_fts_ai after insert on tokens begin
      insert into tokens_fts(rowid, search_text) values (new.rowid, new.search_text);
    end`.execute(db);
  await sql`create trigger tokens_fts_ad after delete on tokens begin
      insert into tokens_fts(tokens_fts, rowid, search_text) values ('delete', old.rowid, old.search_text);
    end`.execute(db);
  await sql`create trigger tokens_fts_au after update of search_text on tokens begin
      insert into tokens_fts(tokens_fts, rowid, search_text) values ('delete', old.rowid, old.search_text);
      insert into tokens_fts(rowid, search_text) values (new.rowid, new.search_text);
    end`.execute(db);
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`drop index if exists tokens_search_trgm_idx`.execute(db);
  } else {
    for (const trigger of ['tokens_fts_ai', 'tokens_fts_ad', 'tokens_fts_au']) await sql`drop trigger if exists ${sql.ref(trigger)}`.execute(db);
    await sql`drop table if exists tokens_fts`.execute(db);
  }
  for (const index of ['tokens_inv_last_active_idx', 'tokens_inv_expires_idx', 'tokens_inv_label_idx', 'users_org_status_idx']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.alterTable('tokens').dropColumn('search_text').execute();
}
