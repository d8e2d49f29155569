/**
 * Connectors: tokens Tokenward governs but did not issue (an Atlassian Cloud organization's user
 * API tokens, service-account tokens and admin keys, read through its admin API). Frozen once shipped.
 *
 * - `connectors`: one upstream source of an org; the credential is sealed with the pepper-derived
 *   key (never stored in clear); `lease_*` make sure one node at a time syncs it.
 * - `connector_syncs`: one sync run, with the page it reached (phase and upstream cursor) committed
 *   together with the rows of that page, so a run that died continues where it stopped.
 * - `external_tokens`: the upstream tokens, in their own table (not `tokens`), so nothing that
 *   verifies, suspends, clamps or lists Tokenward's own tokens can touch them by accident. The
 *   inventory reads them through the same sort-key indexes as `tokens` (see the architecture notes).
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../db.js';

// Copies of the domain constants, frozen here as a migration must not change with later code.
const NEVER_ACTIVE = -1;
const NEVER_EXPIRES = 8_640_000_000_000_000;

export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const org = (c: any) => c.notNull().references('organizations.id').onDelete('cascade');

  await db.schema
    .createTable('connectors')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', org)
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('base_url', 'varchar(2048)', (c) => c.notNull())
    .addColumn('upstream_org_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('credential_sealed', 'text', (c) => c.notNull())
    .addColumn('schedule_minutes', 'integer', (c) => c.notNull())
    // The policy that governs tokens whose owner matches no directory user (null: none).
    .addColumn('unmatched_policy_id', 'varchar(64)')
    .addColumn('next_sync_at', 'bigint')
    .addColumn('lease_run_id', 'varchar(64)')
    .addColumn('lease_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('connectors_org_idx').on('connectors').columns(['org_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('connectors_due_idx').on('connectors').columns(['next_sync_at']).execute();

  await db.schema
    .createTable('connector_syncs')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', org)
    .addColumn('connector_id', 'varchar(64)', (c) => c.notNull().references('connectors.id').onDelete('cascade'))
    .addColumn('trigger', 'varchar(20)', (c) => c.notNull())
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('phase', 'varchar(32)', (c) => c.notNull())
    .addColumn('cursor', 'text')
    // JSON object of counters (seen, discovered, updated, gone, pages).
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('error', 'varchar(1000)')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('connector_syncs_connector_idx').on('connector_syncs').columns(['connector_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('connector_syncs_state_idx').on('connector_syncs').columns(['state', 'created_at']).execute();

  await db.schema
    .createTable('external_tokens')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', org)
    .addColumn('connector_id', 'varchar(64)', (c) => c.notNull().references('connectors.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('external_id', 'varchar(200)', (c) => c.notNull())
    // The directory user the upstream owner was matched to by e-mail, if any.
    .addColumn('owner_user_id', 'varchar(64)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('owner_external_id', 'varchar(200)')
    .addColumn('owner_name', 'varchar(500)')
    .addColumn('owner_email', 'varchar(320)')
    .addColumn('label', 'varchar(500)', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('last_active_at', 'bigint')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    // The sync run that last saw it upstream: a finished run marks every other row gone.
    .addColumn('seen_sync_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('gone_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'varchar(64)')
    .addColumn('revoked_reason', 'varchar(500)')
    .execute();
  await db.schema.createIndex('external_tokens_upstream_uq').unique().on('external_tokens').columns(['connector_id', 'kind', 'external_id']).execute();
  await db.schema.createIndex('external_tokens_seen_idx').on('external_tokens').columns(['connector_id', 'seen_sync_id']).execute();
  await db.schema.createIndex('external_tokens_owner_idx').on('external_tokens').columns(['org_id', 'owner_user_id']).execute();
  // The same keyset indexes as the tokens table's (org, kind, sort key, id), so the inventory's
  // per-kind UNION members are index range reads on either table.
  await db.schema.createIndex('external_tokens_created_idx').on('external_tokens').columns(['org_id', 'kind', 'created_at', 'id']).execute();
  await sql`create index external_tokens_last_active_idx on external_tokens (org_id, kind, (coalesce(last_active_at, ${sql.lit(NEVER_ACTIVE)})), id, status, expires_at)`.execute(db);
  await sql`create index external_tokens_expires_idx on external_tokens (org_id, kind, (coalesce(expires_at, ${sql.lit(NEVER_EXPIRES)})), id)`.execute(db);
  await db.schema.createIndex('external_tokens_label_idx').on('external_tokens').columns(['org_id', 'kind', 'label', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('external_tokens').execute();
  await db.schema.dropTable('connector_syncs').execute();
  await db.schema.dropTable('connectors').execute();
}
