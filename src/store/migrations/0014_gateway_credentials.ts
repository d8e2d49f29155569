/**
 * Members' upstream OAuth grants for the gateway's delegated mode. Frozen once shipped.
 *
 * One row per member and upstream. The refresh and access tokens are sealed (AES-GCM under a key
 * derived from the pepper), never stored in clear. `version` is bumped by every change, so a node
 * claims a refresh with a compare-and-swap on it, and `refresh_claimed_until` keeps other nodes
 * from using the same (rotating) refresh token meanwhile; a claim left by a crashed node lapses.
 * `usage_events.upstream_account`: the upstream account a delegated call was made as.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('upstream_grants')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('upstream', 'varchar(100)', (c) => c.notNull())
    .addColumn('subject', 'varchar(200)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('refresh_token', 'text')
    .addColumn('access_token', 'text')
    .addColumn('access_expires_at', 'bigint')
    .addColumn('refresh_claimed_until', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('upstream_grants_member_idx').on('upstream_grants').columns(['org_id', 'user_id', 'upstream']).unique().execute();
  // In delegated mode, the upstream account a call was made as.
  await db.schema.alterTable('usage_events').addColumn('upstream_account', 'varchar(200)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('usage_events').dropColumn('upstream_account').execute();
  await db.schema.dropTable('upstream_grants').execute();
}
