/**
 * PostgreSQL: the index of a person's tokens also carries each token's org, kind, status, expiry and
 * last use, so the Atlassian-compatible counts' correction for the org's deactivated people (their
 * usable tokens, counted active but blocked) reads the index alone instead of a table page per
 * token (a person's tokens lie scattered over the table). A change to any of those columns writes a
 * new entry in every index of the row on PostgreSQL anyway. SQLite keeps the plain index: there a
 * revoke rewrites only the entries whose columns change, and these, in owner order, would lie
 * scattered under a bulk revoke's walk. Frozen once shipped.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../db.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`create index tokens_owner_user_idx_next on tokens (owner_user_id) include (org_id, kind, status, expires_at, last_active_at)`.execute(db);
  await sql`drop index tokens_owner_user_idx`.execute(db);
  await sql`alter index tokens_owner_user_idx_next rename to tokens_owner_user_idx`.execute(db);
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`drop index tokens_owner_user_idx`.execute(db);
  await sql`create index tokens_owner_user_idx on tokens (owner_user_id)`.execute(db);
}
