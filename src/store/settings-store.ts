import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Instance-wide key/value settings (bootstrap marker, pepper fingerprint). */
export function createSettingsStore(db: Kysely<Database>) {
  return {
    async get(key: string): Promise<string | null> {
      const row = await db.selectFrom('instance_settings').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value ?? null;
    },
    /** Inserts the key unless it exists; true when this call inserted it (a race-free "claim"). */
    async insertIfAbsent(key: string, value: string): Promise<boolean> {
      const result = await db
        .insertInto('instance_settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
