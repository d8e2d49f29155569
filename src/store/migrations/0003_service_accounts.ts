/**
 * Frozen in time: never edit a migration that has shipped; add the next one.
 * Service accounts: deleting an account (SA6) keeps its row, marked by `deleted_at`,
 * because its revoked tokens stay in the token history and reference it (a hard delete would
 * cascade them away). The index serves the org's list and count, which skip deleted accounts.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('service_accounts').addColumn('deleted_at', 'bigint').execute();
  await db.schema.alterTable('service_accounts').addColumn('deleted_by', 'varchar(64)').execute();
  await db.schema.createIndex('service_accounts_org_live_idx').on('service_accounts').columns(['org_id', 'deleted_at', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('service_accounts_org_live_idx').execute();
  await db.schema.alterTable('service_accounts').dropColumn('deleted_by').execute();
  await db.schema.alterTable('service_accounts').dropColumn('deleted_at').execute();
}
