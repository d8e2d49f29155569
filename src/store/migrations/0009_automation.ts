/**
 * Automation and notifications: the events outbox, webhook endpoints, deliveries (webhook
 * and e-mail), per-org SMTP and automation settings, durable job runs and the notices that make
 * each warning go out once. Frozen once shipped. Booleans are 0/1 integers in both dialects.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const org = (c: any) => c.notNull().references('organizations.id').onDelete('cascade');

  await db.schema
    .createTable('events')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', org)
    .addColumn('type', 'varchar(64)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    // null until the dispatcher has fanned the event out into deliveries.
    .addColumn('dispatched_at', 'bigint')
    .execute();
  await db.schema.createIndex('events_undispatched_idx').on('events').columns(['dispatched_at', 'occurred_at']).execute();
  await db.schema.createIndex('events_org_time_idx').on('events').columns(['org_id', 'occurred_at', 'id']).execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', org)
    .addColumn('url', 'varchar(2048)', (c) => c.notNull())
    .addColumn('description', 'varchar(500)')
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('format', 'varchar(20)', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('disabled_reason', 'varchar(200)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_endpoints_org_idx').on('webhook_endpoints').columns(['org_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', org)
    .addColumn('event_id', 'varchar(64)', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    // The webhook endpoint id, or the recipient's e-mail address.
    .addColumn('target', 'varchar(320)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('last_error', 'varchar(500)')
    .addColumn('last_status_code', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .execute();
  await db.schema.createIndex('deliveries_event_target_uq').unique().on('deliveries').columns(['event_id', 'channel', 'target']).execute();
  await db.schema.createIndex('deliveries_due_idx').on('deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('deliveries_target_idx').on('deliveries').columns(['org_id', 'target', 'created_at', 'id']).execute();

  await db.schema
    .createTable('smtp_settings')
    .addColumn('org_id', 'varchar(64)', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('host', 'varchar(255)', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('secure', 'integer', (c) => c.notNull())
    .addColumn('username', 'varchar(320)')
    .addColumn('password_sealed', 'text')
    .addColumn('from_address', 'varchar(320)', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('automation_settings')
    .addColumn('org_id', 'varchar(64)', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(64)', org)
    .addColumn('job_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('scheduled_at', 'bigint', (c) => c.notNull())
    .addColumn('trigger', 'varchar(20)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    // The `now` the plan was made with, and the plan: a resumed run applies the same actions.
    .addColumn('planned_at', 'bigint')
    .addColumn('actions', 'text')
    .addColumn('done_count', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'varchar(500)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  // One run per org, job and scheduled time, however many nodes try to create it.
  await db.schema.createIndex('job_runs_slot_uq').unique().on('job_runs').columns(['org_id', 'job_name', 'scheduled_at']).execute();
  await db.schema.createIndex('job_runs_due_idx').on('job_runs').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('job_runs_list_idx').on('job_runs').columns(['org_id', 'job_name', 'created_at', 'id']).execute();

  await db.schema
    .createTable('token_notices')
    .addColumn('token_id', 'varchar(64)', (c) => c.notNull().references('tokens.id').onDelete('cascade'))
    .addColumn('notice_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('token_notices_pk', ['token_id', 'notice_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['token_notices', 'job_runs', 'automation_settings', 'smtp_settings', 'deliveries', 'webhook_endpoints', 'events']) {
    await db.schema.dropTable(table).execute();
  }
}
