/**
 * Policies: the per-org scope catalogue, authentication policies and their assignments,
 * token requests (approvals), one-time deliveries, and two token columns: the previous digest that
 * still verifies during a rotation's grace period, and the address of the last use (written by the
 * verifier; read by the policy impact preview). Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scope_catalogue')
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('scope_class', 'varchar(20)', (c) => c.notNull())
    .addColumn('is_builtin', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('scope_catalogue_pk', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('policies')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policies_org_created_idx').on('policies').columns(['org_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('policy_assignments')
    .addColumn('policy_id', 'varchar(64)', (c) => c.notNull().references('policies.id').onDelete('cascade'))
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('assignee_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('assignee_id', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_assignments_pk', ['policy_id', 'assignee_type', 'assignee_id'])
    .execute();
  await db.schema.createIndex('policy_assignments_assignee_idx').on('policy_assignments').columns(['org_id', 'assignee_type', 'assignee_id']).execute();

  await db.schema
    .createTable('token_requests')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('requester_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('lifetime_days', 'integer', (c) => c.notNull())
    .addColumn('justification', 'text')
    .addColumn('policy_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(64)')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_reason', 'text')
    .addColumn('granted_scopes', 'text')
    .addColumn('granted_lifetime_days', 'integer')
    .addColumn('token_id', 'varchar(64)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('token_requests_org_status_idx').on('token_requests').columns(['org_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('token_requests_requester_idx').on('token_requests').columns(['requester_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('token_deliveries')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('token_id', 'varchar(64)', (c) => c.notNull().references('tokens.id').onDelete('cascade'))
    .addColumn('recipient_user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('request_id', 'varchar(64)')
    .addColumn('link_digest', 'varchar(64)')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('redeemed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('token_deliveries_link_uq').unique().on('token_deliveries').column('link_digest').execute();
  await db.schema.createIndex('token_deliveries_request_idx').on('token_deliveries').column('request_id').execute();

  await db.schema.alterTable('tokens').addColumn('previous_digest', 'varchar(64)').execute();
  await db.schema.alterTable('tokens').addColumn('previous_digest_until', 'bigint').execute();
  await db.schema.alterTable('tokens').addColumn('last_active_ip', 'varchar(64)').execute();
  await db.schema.createIndex('tokens_previous_digest_idx').on('tokens').column('previous_digest').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tokens_previous_digest_idx').execute();
  for (const column of ['last_active_ip', 'previous_digest_until', 'previous_digest']) await db.schema.alterTable('tokens').dropColumn(column).execute();
  for (const table of ['token_deliveries', 'token_requests', 'policy_assignments', 'policies', 'scope_catalogue']) await db.schema.dropTable(table).execute();
}
