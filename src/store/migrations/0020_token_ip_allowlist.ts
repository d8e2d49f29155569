/**
 * A token's own IP allowlist (docs/policies.md "One token at a time"): JSON array of CIDR blocks,
 * null when it has none. Beside the token, as its own rate limits are, so verification reads it
 * with the token in the same point read. It narrows the owner's policy's allowlist, never widens
 * it: an address must be allowed by both. Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tokens').addColumn('ip_allowlist', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tokens').dropColumn('ip_allowlist').execute();
}
