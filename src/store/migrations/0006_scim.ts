/**
 * Frozen in time: never edit a migration that has shipped; add the next one.
 * SCIM provisioning (docs/scim.md):
 * - `scim_tokens`: the bearer tokens identity providers use, one org each. Their own table, not
 *   `tokens`: they are not API tokens of a person or a service account, so no inventory query,
 *   count or bulk revoke of the Atlassian API can ever see them. Only the HMAC digest is stored.
 * - `scim_users` / `scim_groups`: what SCIM knows of a Tokenward user or group beyond the
 *   directory's own columns: `userName`, `externalId`, and the other attributes as sent (JSON).
 *   A row exists once a SCIM client created or changed the resource; `deleted_at` marks a user
 *   a SCIM client deleted (the Tokenward user stays, deactivated, for the token history).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scim_tokens')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('digest', 'varchar(64)', (c) => c.notNull())
    .addColumn('display_prefix', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)')
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'varchar(64)')
    .execute();
  await db.schema.createIndex('scim_tokens_digest_uq').unique().on('scim_tokens').column('digest').execute();
  await db.schema.createIndex('scim_tokens_org_created_idx').on('scim_tokens').columns(['org_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('scim_users')
    .addColumn('user_id', 'varchar(64)', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('user_name_lower', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('scim_users_org_user_name_uq').unique().on('scim_users').columns(['org_id', 'user_name_lower']).execute();
  await db.schema.createIndex('scim_users_org_external_idx').on('scim_users').columns(['org_id', 'external_id']).execute();

  await db.schema
    .createTable('scim_groups')
    .addColumn('group_id', 'varchar(64)', (c) => c.primaryKey().references('groups.id').onDelete('cascade'))
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scim_groups_org_external_idx').on('scim_groups').columns(['org_id', 'external_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scim_groups').execute();
  await db.schema.dropTable('scim_users').execute();
  await db.schema.dropTable('scim_tokens').execute();
}
