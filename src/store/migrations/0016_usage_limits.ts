/**
 * Per-token rate limits and quotas (docs/verification.md): a token's own limits, as JSON
 * (`UsageLimits`), null when it has none. A policy's limits live in its rule JSON, which needs no
 * column. The counts themselves are not stored here: they live in memory or Redis.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tokens').addColumn('usage_limits', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tokens').dropColumn('usage_limits').execute();
}
