/**
 * SQLite: the last-activity index no longer carries each token's status. A revoke rewrote that
 * index's entry for every revoked token, and those entries lie in last-activity order, unrelated
 * to the order a bulk revoke walks: a batch of a thousand tokens dirtied some 870 of its pages.
 * The idle counts it once served from the index alone now come from maintained cells, which read
 * the index only for the cutoff's day. PostgreSQL writes a new entry in every index of a changed
 * row anyway: it keeps the index as it was. Frozen once shipped.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../db.js';

// A copy of the constant of migration 0002, frozen here.
const NEVER_ACTIVE = -1;

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`drop index tokens_inv_last_active_idx`.execute(db);
  await sql`create index tokens_inv_last_active_idx on tokens (org_id, kind, (coalesce(last_active_at, ${sql.lit(NEVER_ACTIVE)})), id, expires_at, owner_user_id)`.execute(db);
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`drop index tokens_inv_last_active_idx`.execute(db);
  await sql`create index tokens_inv_last_active_idx on tokens (org_id, kind, (coalesce(last_active_at, ${sql.lit(NEVER_ACTIVE)})), id, status, expires_at, owner_user_id)`.execute(db);
}
