/**
 * GitLab: where a connected token was last used from, and rotations of connected tokens.
 * Frozen once shipped.
 *
 * - `external_tokens.last_used_ips`: a JSON array of addresses (GitLab reports up to five).
 * - `connector_rotations`: one requested rotation of a connected token. The new value is never
 *   stored: the upstream makes it when the owner opens the one-time link, and it goes straight
 *   into that answer. The row keeps only the link's digest and what happened upstream, so a
 *   rotation whose answer was lost is known as such and is never sent a second time.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../db.js';

export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('external_tokens').addColumn('last_used_ips', 'text').execute();

  await db.schema
    .createTable('connector_rotations')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('connector_id', 'varchar(64)', (c) => c.notNull().references('connectors.id').onDelete('cascade'))
    .addColumn('external_token_id', 'varchar(64)', (c) => c.notNull().references('external_tokens.id').onDelete('cascade'))
    .addColumn('recipient_user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('link_digest', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('expires_in_days', 'integer', (c) => c.notNull())
    // pending, rotating, rotated, refused, unknown, resolved_rotated, resolved_not_rotated.
    .addColumn('state', 'varchar(32)', (c) => c.notNull())
    .addColumn('new_external_id', 'varchar(200)')
    .addColumn('upstream_status', 'integer')
    .addColumn('outcome', 'varchar(1000)')
    .addColumn('requested_by', 'varchar(64)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('link_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('connector_rotations_token_idx').on('connector_rotations').columns(['external_token_id', 'state']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('connector_rotations').execute();
  await db.schema.alterTable('external_tokens').dropColumn('last_used_ips').execute();
}
