/**
 * Per-token controls and purpose, kept beside the token so the inventory's rows stay as they are.
 * Frozen once shipped.
 *
 * - `token_controls`: a token's purpose and tags, and an admin's suspension (when, by whom, why).
 *   A suspension by an admin is told apart from the suspension every token of a deactivated
 *   person gets, so reactivating the person does not lift it.
 * - `token_requests.purpose` and `tags`: what the requested token is for, carried onto the token.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('token_controls')
    .addColumn('token_id', 'varchar(64)', (c) => c.primaryKey().references('tokens.id').onDelete('cascade'))
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('suspended_at', 'bigint')
    .addColumn('suspended_by', 'varchar(64)')
    .addColumn('suspend_reason', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('token_controls_org_idx').on('token_controls').column('org_id').execute();
  await db.schema.alterTable('token_requests').addColumn('purpose', 'text').execute();
  await db.schema.alterTable('token_requests').addColumn('tags', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('token_requests').dropColumn('tags').execute();
  await db.schema.alterTable('token_requests').dropColumn('purpose').execute();
  await db.schema.dropTable('token_controls').execute();
}
