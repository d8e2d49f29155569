/**
 * Usage of tokens. Frozen once shipped.
 *
 * - `usage_events`: verifications, kept 90 days by default (purged by the automation jobs through
 *   the usage service). Identical ones of one flush window are one row: `count` of them, from `at`
 *   to `last_at` (src/domain/usage.ts). `seq` orders rows of the same millisecond for keyset pages.
 * - Daily aggregates per token and UTC day (`day` = epoch day number), per route and per IP,
 *   maintained by the recorder at each flush with upserts; they outlive the raw events.
 * - `token_ips`: each IP a token was used from, first and last seen: "tokens used from new IPs".
 * Unknown method, route or IP are '' in the aggregate keys (primary keys cannot hold NULL).
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../db.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const isPostgres = dialect === 'postgres';
  await db.schema
    .createTable('usage_events')
    .addColumn('seq', isPostgres ? 'bigserial' : 'integer', (c) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('token_id', 'varchar(64)')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    .addColumn('method', 'varchar(16)')
    .addColumn('route', 'varchar(200)')
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(300)')
    .addColumn('upstream_status', 'integer')
    .execute();
  await db.schema.createIndex('usage_events_token_at_idx').on('usage_events').columns(['token_id', 'at', 'seq']).execute();
  await db.schema.createIndex('usage_events_at_idx').on('usage_events').column('at').execute();

  await db.schema
    .createTable('usage_daily')
    .addColumn('token_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('calls', 'bigint', (c) => c.notNull())
    .addColumn('errors', 'bigint', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_daily_pk', ['token_id', 'day'])
    .execute();
  await db.schema.createIndex('usage_daily_org_day_idx').on('usage_daily').columns(['org_id', 'day']).execute();

  await db.schema
    .createTable('usage_daily_routes')
    .addColumn('token_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('method', 'varchar(16)', (c) => c.notNull())
    .addColumn('route', 'varchar(200)', (c) => c.notNull())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('calls', 'bigint', (c) => c.notNull())
    .addColumn('errors', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_daily_routes_pk', ['token_id', 'day', 'method', 'route'])
    .execute();

  await db.schema
    .createTable('usage_daily_ips')
    .addColumn('token_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('calls', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_daily_ips_pk', ['token_id', 'day', 'ip'])
    .execute();

  await db.schema
    .createTable('token_ips')
    .addColumn('token_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('calls', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('token_ips_pk', ['token_id', 'ip'])
    .execute();
  await db.schema.createIndex('token_ips_org_first_idx').on('token_ips').columns(['org_id', 'first_seen_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['token_ips', 'usage_daily_ips', 'usage_daily_routes', 'usage_daily', 'usage_events']) {
    await db.schema.dropTable(table).execute();
  }
}
