/**
 * Sign-in: password credentials, server-side sessions, one-time links (invite, password
 * reset, owner setup) and per-org OIDC configurations. Secrets are stored only as digests (HMAC
 * under the pepper) or argon2id hashes; the OIDC client secret is encrypted. Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Its own table, so no query of `users` (lists, joins, selectAll) can ever carry a hash out.
  await db.schema
    .createTable('user_credentials')
    .addColumn('user_id', 'varchar(64)', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('digest', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('method', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('auth_links')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('digest', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_by', 'varchar(64)')
    .execute();
  await db.schema.createIndex('auth_links_user_idx').on('auth_links').columns(['user_id', 'kind']).execute();

  await db.schema
    .createTable('sso_configs')
    .addColumn('org_id', 'varchar(64)', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('issuer', 'varchar(2048)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('client_secret_sealed', 'text', (c) => c.notNull())
    .addColumn('scopes', 'varchar(512)', (c) => c.notNull())
    .addColumn('allowed_domains', 'text', (c) => c.notNull())
    .addColumn('group_claim', 'varchar(200)')
    .addColumn('group_mapping', 'text', (c) => c.notNull())
    .addColumn('jit_enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // Sign-in looks a person up by e-mail across orgs (the unique index leads with org_id).
  await db.schema.createIndex('users_email_lower_idx').on('users').column('email_lower').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_email_lower_idx').execute();
  await db.schema.dropTable('sso_configs').execute();
  await db.schema.dropTable('auth_links').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('user_credentials').execute();
}
