/**
 * Connected tokens, second step. Frozen once shipped.
 *
 * - `external_token_notices`: notices of the hygiene jobs about connected tokens (expiry
 *   warnings), one per token and threshold, as `token_notices` does for Tokenward's own tokens: a
 *   job step repeated after a crash never warns twice. Its own table because `token_notices`
 *   points at `tokens`.
 * - Every sync stamps each token it reads with the run's id. The index on that stamp served no
 *   query (the end of a sync looks for stamps that differ, which it cannot seek) and made each
 *   stamp an index write; without it, and with room left in each PostgreSQL page, a stamp is a
 *   heap-only update that touches no index at all.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../db.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('external_tokens_seen_idx').execute();
  if (dialect === 'postgres') await sql`alter table external_tokens set (fillfactor = 80)`.execute(db);

  await db.schema
    .createTable('external_token_notices')
    .addColumn('external_token_id', 'varchar(64)', (c) => c.notNull().references('external_tokens.id').onDelete('cascade'))
    .addColumn('notice_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('external_token_notices_pk', ['external_token_id', 'notice_key'])
    .execute();
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema.dropTable('external_token_notices').execute();
  if (dialect === 'postgres') await sql`alter table external_tokens reset (fillfactor)`.execute(db);
  await db.schema.createIndex('external_tokens_seen_idx').on('external_tokens').columns(['connector_id', 'seen_sync_id']).execute();
}
