/** The instance administrator's keys (migration 0019). Only digests are stored. */
import type { Kysely, Selectable } from 'kysely';
import { toDate, toDateOrNull } from './rows.js';
import type { Database, InstanceKeyTable } from './schema.js';

export interface InstanceKey {
  id: string;
  label: string;
  displayPrefix: string;
  createdAt: Date;
  /** The instance key that issued it; null at install or from the local command line. */
  createdBy: string | null;
  revokedAt: Date | null;
}

function toInstanceKey(row: Selectable<InstanceKeyTable>): InstanceKey {
  return {
    id: row.id,
    label: row.label,
    displayPrefix: row.display_prefix,
    createdAt: toDate(Number(row.created_at)),
    createdBy: row.created_by,
    revokedAt: toDateOrNull(row.revoked_at === null ? null : Number(row.revoked_at)),
  };
}

export function createInstanceKeyStore(db: Kysely<Database>) {
  return {
    async insert(key: InstanceKey, digest: string): Promise<void> {
      await db
        .insertInto('instance_keys')
        .values({
          id: key.id,
          label: key.label,
          digest,
          display_prefix: key.displayPrefix,
          created_at: key.createdAt.getTime(),
          created_by: key.createdBy,
          revoked_at: null,
        })
        .execute();
    },

    /** Every key, live and revoked, oldest first: an instance has a handful. */
    async list(): Promise<InstanceKey[]> {
      const rows = await db.selectFrom('instance_keys').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toInstanceKey);
    },

    async findById(id: string): Promise<InstanceKey | null> {
      const row = await db.selectFrom('instance_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toInstanceKey(row) : null;
    },

    /** True when this call revoked it; false when it was revoked already. */
    async revoke(id: string, at: Date): Promise<boolean> {
      const result = await db.updateTable('instance_keys').set({ revoked_at: at.getTime() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The key and its stored digest, for a constant-time comparison by the caller. */
    async findByDigest(digest: string): Promise<{ key: InstanceKey; digest: string } | null> {
      const row = await db.selectFrom('instance_keys').selectAll().where('digest', '=', digest).executeTakeFirst();
      return row ? { key: toInstanceKey(row), digest: row.digest } : null;
    },
  };
}

export type InstanceKeyStore = ReturnType<typeof createInstanceKeyStore>;
