/**
 * Notices of the hygiene jobs about connected tokens (expiry warnings), one per token and
 * threshold, as `token_notices` does for Tokenward's own tokens: a job step repeated after a crash
 * never warns twice. Its own table because `token_notices` points at `tokens`.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('external_token_notices')
    .addColumn('external_token_id', 'varchar(64)', (c) => c.notNull().references('external_tokens.id').onDelete('cascade'))
    .addColumn('notice_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('external_token_notices_pk', ['external_token_id', 'notice_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('external_token_notices').execute();
}
