/**
 * Who answers for service accounts' tokens: a person or a group is the accountable owner of each account; its tokens'
 * notices go to them. `needs_reassignment` is set when the owning person is deactivated, so the
 * account is flagged instead of silently left without anyone. Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_account_owners')
    .addColumn('service_account_id', 'varchar(64)', (c) => c.primaryKey().references('service_accounts.id').onDelete('cascade'))
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('owner_type', 'varchar(10)', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('needs_reassignment', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_account_owners_owner_idx').on('service_account_owners').columns(['org_id', 'owner_type', 'owner_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_account_owners').execute();
}
