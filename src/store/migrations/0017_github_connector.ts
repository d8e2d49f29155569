/**
 * GitHub organization connector. Frozen once shipped.
 *
 * - `external_tokens.upstream_details`: what the connected system says about a token in its own
 *   words, kept for display (JSON; e.g. GitHub's repository selection). Null for older rows.
 * - `external_token_requests`: pending token requests read from a connected system (GitHub's
 *   fine-grained token requests), with how Tokenward's policy decided each and what was sent back.
 * - `external_user_links`: a person's login in a connected system, so a token whose upstream
 *   owner shows no e-mail still finds its directory owner.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../db.js';

export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('external_tokens').addColumn('upstream_details', 'text').execute();

  await db.schema
    .createTable('external_token_requests')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('connector_id', 'varchar(64)', (c) => c.notNull().references('connectors.id').onDelete('cascade'))
    // The upstream's request id (GitHub's pat_request_id) and the requested token's id.
    .addColumn('external_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('upstream_token_id', 'varchar(200)')
    .addColumn('owner_user_id', 'varchar(64)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('owner_external_id', 'varchar(200)')
    .addColumn('owner_login', 'varchar(200)')
    .addColumn('owner_email', 'varchar(320)')
    .addColumn('label', 'varchar(500)', (c) => c.notNull())
    // JSON array of scope names (the upstream's permissions in its own words).
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('upstream_details', 'text')
    .addColumn('justification', 'varchar(2000)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    // pending (read, not decided yet), queued (waits for an approver), approved, denied,
    // closed (decided or withdrawn upstream without Tokenward).
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('policy_id', 'varchar(64)')
    .addColumn('policy_name', 'varchar(200)')
    .addColumn('policy_reason', 'varchar(1100)')
    .addColumn('decided_by', 'varchar(64)')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_reason', 'varchar(1100)')
    // What the upstream answered when the decision was sent (null: not sent yet).
    .addColumn('upstream_status', 'integer')
    .addColumn('upstream_answer', 'varchar(600)')
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('external_token_requests_upstream_uq').unique().on('external_token_requests').columns(['connector_id', 'external_id']).execute();
  await db.schema.createIndex('external_token_requests_status_idx').on('external_token_requests').columns(['connector_id', 'status', 'created_at', 'id']).execute();

  await db.schema
    .createTable('external_user_links')
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('system', 'varchar(32)', (c) => c.notNull())
    .addColumn('login_lower', 'varchar(200)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('external_user_links_pk', ['org_id', 'system', 'login_lower'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('external_user_links').execute();
  await db.schema.dropTable('external_token_requests').execute();
  await db.schema.alterTable('external_tokens').dropColumn('upstream_details').execute();
}
