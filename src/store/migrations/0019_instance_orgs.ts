/**
 * Frozen in time: never edit a migration that has shipped; add the next one.
 * More than one organization per server (docs/how-to/host-more-than-one-organization.md):
 * - `organizations.disabled_at`: set while the instance administrator has disabled the org; its
 *   keys, sessions and tokens stop working, its data stays.
 * - `instance_keys`: the instance administrator's keys (`twi_...`), above every org. Their own
 *   table, like SCIM tokens: no org's inventory, count or revoke can see them. Only the HMAC digest
 *   is stored.
 * What the instance administrator does goes to the audit log's instance chain (entries of no org),
 * and each org's own chain records the change to that org.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('disabled_at', 'bigint').execute();

  await db.schema
    .createTable('instance_keys')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('digest', 'varchar(64)', (c) => c.notNull())
    .addColumn('display_prefix', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('instance_keys_digest_uq').unique().on('instance_keys').column('digest').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('instance_keys').execute();
  await db.schema.alterTable('organizations').dropColumn('disabled_at').execute();
}
