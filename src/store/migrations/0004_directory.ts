/**
 * The directory: indexes for keyset paging of users and groups per org on
 * `(created_at, id)`. Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_org_created_idx').on('users').columns(['org_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('groups_org_created_idx').on('groups').columns(['org_id', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('groups_org_created_idx').execute();
  await db.schema.dropIndex('users_org_created_idx').execute();
}
