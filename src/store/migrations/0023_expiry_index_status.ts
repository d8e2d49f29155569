/**
 * PostgreSQL: the expiry index also carries each token's status and raw expiry, so counting the
 * tokens that expire on one day (the edges of an "expiring within" count, read token by token)
 * reads the index alone instead of visiting every such token's row: at a million tokens a day can
 * hold ten thousand of them. A revoke writes a new entry in every index of the row on PostgreSQL
 * anyway, so the extra columns cost nothing there. SQLite has no included columns, and its revoke
 * rewrites only the entries whose columns change: it keeps the index as it was. Frozen once shipped.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../db.js';

// A copy of the constant of migrations 0002 and 0012, frozen here.
const NEVER_EXPIRES = 8_640_000_000_000_000;

const INDEXES = [
  { table: 'tokens', name: 'tokens_inv_expires_idx' },
  { table: 'external_tokens', name: 'external_tokens_expires_idx' },
] as const;

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const { table, name } of INDEXES) {
    await sql`create index ${sql.raw(`${name}_next`)} on ${sql.table(table)} (org_id, kind, (coalesce(expires_at, ${sql.lit(NEVER_EXPIRES)})), id) include (status, expires_at)`.execute(db);
    await sql`drop index ${sql.raw(name)}`.execute(db);
    await sql`alter index ${sql.raw(`${name}_next`)} rename to ${sql.raw(name)}`.execute(db);
  }
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const { table, name } of INDEXES) {
    await sql`drop index ${sql.raw(name)}`.execute(db);
    await sql`create index ${sql.raw(name)} on ${sql.table(table)} (org_id, kind, (coalesce(expires_at, ${sql.lit(NEVER_EXPIRES)})), id)`.execute(db);
  }
}
